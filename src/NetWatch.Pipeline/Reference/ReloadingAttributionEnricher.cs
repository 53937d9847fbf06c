using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
using NodaTime;

namespace NetWatch.Pipeline.Reference;

/// <summary>
/// Attribution for the long-running service, whose lease and logon feeds keep growing: at most every
/// <c>checkEvery</c> it looks whether any reference file changed (size or time), re-reads them off the stream's
/// thread, and switches to the new index between two batches. A reload that fails (a file half-written, a bad line)
/// keeps the index in use and is reported; the files must be valid at start (the constructor throws otherwise).
/// Findings are gathered across reloads by one collector.
/// </summary>
public sealed class ReloadingAttributionEnricher : IBatchEnricher, IInPlaceEnricher
{
    private readonly AttributionSettings _settings;
    private readonly IClock _clock;
    private readonly Duration _checkEvery;
    private readonly Action<string> _report;
    private readonly FindingCollector _findings;
    private volatile AttributionEnricher _current;
    private Instant _lastCheck;
    private string _loadedFiles;
    private string? _failedFiles;
    private Task<(AttributionIndex? Index, string Files, string? Error)>? _reload;

    public ReloadingAttributionEnricher(AttributionSettings settings, IClock clock, Duration checkEvery, Action<string> report)
    {
        (_settings, _clock, _checkEvery, _report) = (settings, clock, checkEvery, report);
        _loadedFiles = FilesState();
        var index = settings.LoadIndex();
        foreach (var warning in index.Warnings) report(warning);
        _findings = new FindingCollector(index) { Deferred = true };
        _current = new AttributionEnricher(index, _findings);
        _lastCheck = clock.GetCurrentInstant();
    }

    /// <summary>How many times the reference data has been re-read and put into use.</summary>
    public int Reloads { get; private set; }

    public NetEvent Enrich(NetEvent e)
    {
        Refresh();
        return _current.Enrich(e);
    }

    public void EnrichBatch(Span<NetEvent> events)
    {
        Refresh();
        _current.EnrichBatch(events);
    }

    public void EnrichInPlace(Span<NetEvent> events)
    {
        Refresh();
        _current.EnrichInPlace(events);
    }

    /// <summary>The findings gathered across reloads (deferred: a findings observer commits what new events contribute).</summary>
    public FindingCollector Findings => _findings;

    private void Refresh()
    {
        if (_reload is { IsCompleted: true } done)
        {
            _reload = null;
            var (index, files, error) = done.Result;
            if (index is null)
            {
                _failedFiles = files;
                _report($"attribution data not reloaded, the previous data stays in use: {error}");
            }
            else
            {
                _findings.Rebase(index);
                _current = new AttributionEnricher(index, _findings);
                _loadedFiles = files;
                Reloads++;
                foreach (var warning in index.Warnings) _report(warning);
            }
        }
        var now = _clock.GetCurrentInstant();
        if (_reload is not null || now - _lastCheck < _checkEvery) return;
        _lastCheck = now;
        var state = FilesState();
        if (state == _loadedFiles || state == _failedFiles) return;
        _reload = Task.Run(() =>
        {
            try { return ((AttributionIndex?)_settings.LoadIndex(), state, (string?)null); }
            catch (AttributionFilesException ex) { return (null, state, ex.Message); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return (null, state, ex.Message); }
        });
    }

    /// <summary>Each file's size and last write time: a change in any means a reload.</summary>
    private string FilesState() => string.Join("|", _settings.Files.Select(path =>
    {
        var info = new FileInfo(path);
        return info.Exists ? $"{path}:{info.Length}:{info.LastWriteTimeUtc.Ticks}" : $"{path}:missing";
    }));
}
