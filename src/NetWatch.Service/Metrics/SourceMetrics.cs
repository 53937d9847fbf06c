using System.Collections.Concurrent;
using NetWatch.Pipeline.Sources.Syslog;
using NodaTime;

namespace NetWatch.Service.Metrics;

/// <summary>The running figures of one source, updated as its batches are stored.</summary>
public sealed class SourceMetrics(string name, string kind, IClock? clock = null)
{
    private readonly IClock _clock = clock ?? SystemClock.Instance;
    private long _lines, _stored, _duplicates, _storedOffset;
    /// <summary>
    /// The file's end as sampled (at each commit and each scrape) and when each end was first seen, oldest first; those
    /// at or before the stored offset are dropped: the first left says since when the oldest unstored byte has waited.
    /// </summary>
    private readonly List<(long End, Instant Seen)> _ends = [];
    private static readonly Duration SampleResolution = Duration.FromMilliseconds(100);

    public string Name => name;
    public string Kind => kind;
    public long LinesRead => Interlocked.Read(ref _lines);
    public long EventsStored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public ConcurrentDictionary<string, long> DeadLettersByReason { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> SkippedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes written to the source and not yet stored (files); null where it has no meaning.</summary>
    public Func<long>? LagBytes { get; set; }

    public SyslogCounters? Syslog { get; set; }

    /// <summary>The byte offset of the last committed batch (files).</summary>
    public long StoredOffset
    {
        get => Interlocked.Read(ref _storedOffset);
        set => Interlocked.Exchange(ref _storedOffset, value);
    }

    /// <summary>
    /// How far behind the file's newest line the store is, in seconds: how long the oldest line written and not yet
    /// stored has been in the file (as first seen by a sample, so to within the time between samples: a commit or a
    /// scrape); 0 when everything written is stored. Unlike "since last fully stored", it falls as the store catches up.
    /// </summary>
    public double LagSeconds()
    {
        if (LagBytes is null) return 0;
        var stored = StoredOffset;
        var behind = LagBytes();
        var now = _clock.GetCurrentInstant();
        lock (_ends)
        {
            var end = stored + behind;
            if (_ends.Count > 0 && _ends[^1].End > end) _ends.Clear();   // a rotated or truncated file: offsets start again
            if (_ends.Count == 0 || _ends[^1].End < end)
            {
                // A sample soon after the last extends it (its new bytes then count as seen up to the resolution early).
                if (_ends.Count > 0 && now - _ends[^1].Seen < SampleResolution) _ends[^1] = (end, _ends[^1].Seen);
                else _ends.Add((end, now));
            }
            _ends.RemoveAll(x => x.End <= stored);
            return behind == 0 || _ends.Count == 0 ? 0 : (now - _ends[0].Seen).TotalSeconds;
        }
    }

    /// <summary>A committed batch: <paramref name="events"/> is how many events it had (its events may have been let go: a
    /// batch of a session kept open while the store is behind, Pipeline.Flows.StoredBatch.EventCount).</summary>
    public void Add(Core.Events.EventBatch batch, int stored, int events)
    {
        // Lines last: a reader that sees a batch's lines counted sees its events and dead letters too.
        foreach (var d in batch.DeadLetters) DeadLettersByReason.AddOrUpdate(d.Reason, 1, (_, n) => n + 1);
        foreach (var (reason, count) in batch.SkippedByReason) SkippedByReason.AddOrUpdate(reason, count, (_, n) => n + count);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, events - stored);
        Interlocked.Add(ref _lines, batch.LinesRead);
        LagSeconds();
    }
}
