using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Service.Sources.File;

/// <summary>
/// The files of a file source, started: each followed from its committed checkpoint (<see cref="FileTailer"/>), or,
/// for import, read whole from its start (<see cref="LogFile"/>, gzip too) without a checkpoint.
/// </summary>
internal sealed class PreparedFiles(IReadOnlyList<PreparedFile> files, SourceContext context) : IPreparedSource
{
    private readonly List<Task> _readers = [];
    private readonly List<Checkpoint> _opened = [];

    /// <summary>Once the alerts' read-ahead readers (if any) have stopped.</summary>
    public Task Stopped => Task.WhenAll(_readers);

    public IReadOnlyList<Source<ParseJob, NotUsed>> Start(SourceStart start) =>
        files.Select(f => f.Settings.Whole ? Whole(f) : Followed(f, start)).ToList();

    /// <summary>The followed files opened elsewhere than their committed checkpoint (or without one), where reading begins.</summary>
    public IReadOnlyList<Checkpoint> Opened => _opened;

    /// <summary>The file's blocks; at its end, a gzip file cut short is recorded in its settings.</summary>
    private static Source<ParseJob, NotUsed> Whole(PreparedFile file) =>
        Source.UnfoldResource<LineBlock, (LineBlockReader Reader, GzipFileStream? Gzip)>(
                () =>
                {
                    var text = LogFile.OpenText(file.Path, file.Settings.BytesRead, out var gzip);
                    return (new LineBlockReader(text, file.Name, 1 << 19), gzip);
                },
                f =>
                {
                    if (f.Reader.Read() is { } block) return Akka.Util.Option<LineBlock>.Create(block);
                    if (f.Gzip?.EndedEarly == true) file.Settings.CompressedEndsEarlyAfterLines = f.Reader.LinesRead;
                    return Akka.Util.Option<LineBlock>.None;
                },
                f => f.Reader.Dispose())
            .Select(block => new ParseJob(block, file.Parser!) { School = file.Settings.School });

    private Source<ParseJob, NotUsed> Followed(PreparedFile file, SourceStart start)
    {
        var (name, logger) = (file.Name, context.Logger);
        var tailer = new FileTailer(name, file.Path, new TailOptions { StopAtEnd = context.Once, PollInterval = context.PollInterval })
        {
            Notice = note => logger.LogWarning("{Source}: {Note}", name, note),
        };
        var resume = FileCheckpoint.FromCheckpoint(start.Checkpoints.GetValueOrDefault(name)?.Checkpoint);
        tailer.Start(resume);
        // A file opened where no committed checkpoint puts it is recorded before anything is read (see IPreparedSource.Opened):
        // otherwise a kill before its first commit, then a logrotate rename, left a restart following only the new file.
        if (tailer.Position is { } opened && !SamePlace(opened, resume)) _opened.Add(FileCheckpoint.ToCheckpoint(opened));
        var parser = file.Parser;
        if (parser is IStatefulLogLineParser stateful && tailer.CurrentFile is { } current && tailer.CurrentOffset > 0)
        {
            var directives = ParserPriming.Prime(stateful, current, tailer.CurrentOffset);
            logger.LogInformation("{Source}: {Directives} header lines before byte {Offset} read again for the {Format} parser",
                name, directives, tailer.CurrentOffset, parser.Format);
        }
        var metrics = context.Metrics.Add(name, FileSourceKind.TypeName);
        metrics.StoredOffset = resume?.Offset ?? 0;
        metrics.LagBytes = () => tailer.BytesBehind(metrics.StoredOffset);
        logger.LogInformation("following {Path} as {Source} ({Format}) from byte {Offset}, line {Line}",
            file.Path, name, parser?.Format ?? "format detected when its first lines arrive", resume?.Offset ?? 0, resume?.LineNumber ?? 0);
        var stop = context.Stop;
        // What the read-ahead screens clean, the bulk path's classification does not check again (ScreenedLines).
        ScreenedLines? screened = null;
        if (start.ReadAhead is { } readAhead && !context.Once)
        {
            screened = readAhead.ScreenedLinesForBulk();
            _readers.Add(ReadAheadAsync(file, resume, readAhead, () => parser, screened, logger));
        }
        return Source.UnfoldResourceAsync<TailBlock, FileTailer>(
                () => Task.FromResult(tailer),
                async t => await Task.Run(() => t.ReadAsync(stop)) is { } block
                    ? Akka.Util.Option<TailBlock>.Create(block) : Akka.Util.Option<TailBlock>.None,
                t => { t.Dispose(); return Task.FromResult(Done.Instance); })
            .Select(block =>
            {
                parser ??= DetectFrom(block.Lines, name, logger);
                var offset = block.Position.Offset;
                return new ParseJob(block.Lines, parser ?? new UnknownFormat(), new SourceMark(FileCheckpoint.ToCheckpoint(block.Position), () => metrics.StoredOffset = offset),
                    ResetParser: block.Lines.FirstLineNumber == 1) { School = file.Settings.School, Screened = screened };
            });
    }

    /// <summary>
    /// The alerts' read-ahead of a followed file: a second tailer from the same committed position, never held by the
    /// bulk pipeline's back-pressure, handing each block to the pre-screen as soon as it is written. It reads and
    /// stores nothing of its own: a block it cannot screen (the format not yet known, a stateful parser) is left to the
    /// bulk path. A failure is logged and ends only the read-ahead. Its blocks are small
    /// (<see cref="TailOptions.SmallObjectBlockBytes"/>, about 220 Squid lines): with the bulk reader's 512 KiB, a
    /// read-ahead once behind read ~3,400 lines at a time, which took 100-300 ms to parse and screen under load while
    /// the next lines waited (at 20,000-40,000 lines/s under load, read -> parsed p90 36-209 ms; with 32 KiB blocks
    /// 11-16 ms: bench/results/alerts-latency-2026-12-03-session13.txt); and a small block's arrays are not large
    /// objects, whose allocation during a background collection can be made to wait for its end. A block is screened
    /// before the next is read and its candidates are events of their own, so its buffers are reused
    /// (<see cref="TailOptions.ReuseBlocks"/>): reading 1M lines no longer allocates ~3 bytes per byte of the file.
    /// </summary>
    private Task ReadAheadAsync(PreparedFile file, Core.Events.SourcePosition? resume, AlertPreScreen readAhead, Func<ILogLineParser?> parser,
        ScreenedLines? screened, ILogger logger)
    {
        var stop = context.Stop;
        var tailer = new FileTailer(file.Name, file.Path, new TailOptions { PollInterval = context.PollInterval, BlockBytes = TailOptions.SmallObjectBlockBytes, ReuseBlocks = true });
        tailer.Start(resume);
        var running = false;   // a raiser is at work (under the queue's lock)
        return Task.Run(async () =>
        {
            // The lane stores candidates while the reader goes on screening: what is found meanwhile goes in next, together.
            var queued = new List<AlertPreScreen.Candidates>();
            var raising = Task.CompletedTask;
            try
            {
                while (await tailer.ReadAsync(stop) is { } block)
                {
                    var readAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    if (parser() is not { } p || !AlertPreScreen.CanParse(p) || readAhead.Screen(block.Lines, p, file.Settings.School, readAt, screened) is not { } candidates)
                        continue;
                    lock (queued)
                    {
                        queued.Add(candidates);
                        if (running) continue;   // the raiser takes it with the others
                        running = true;
                    }
                    raising = RaiseQueuedAsync(queued);
                }
                await raising;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogWarning(e, "{Source}: the alerts' read-ahead stopped; alerts now wait for the bulk pipeline", file.Name);
            }
            finally
            {
                tailer.Dispose();
                if (screened is not null)
                    logger.LogInformation("{Source}: the alerts' read-ahead screened clean {Lines} lines the bulk path's classification did not check again",
                        file.Name, screened.Hits);
            }
        });

        // Until the queue is empty: each time, all that is queued as one lane entry. A failed raise is logged and the
        // next goes on: the bulk path raises what the read-ahead did not.
        async Task RaiseQueuedAsync(List<AlertPreScreen.Candidates> queued)
        {
            await Task.Yield();
            while (true)
            {
                AlertPreScreen.Candidates next;
                lock (queued)
                {
                    if (queued.Count == 0)
                    {
                        running = false;
                        return;
                    }
                    next = AlertPreScreen.Candidates.Join([.. queued]);
                    queued.Clear();
                }
                try
                {
                    await readAhead.RaiseAsync(next, stop);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    logger.LogWarning(e, "{Source}: the alerts' read-ahead could not raise a block's alerts; the bulk pipeline raises them", file.Name);
                }
            }
        }
    }

    private static bool SamePlace(Core.Events.SourcePosition opened, Core.Events.SourcePosition? resume) =>
        resume is not null && opened.FileId == resume.FileId && opened.Offset == resume.Offset && opened.LineNumber == resume.LineNumber;

    /// <summary>A file that was empty at start: its format, detected from its first lines (null: not yet known).</summary>
    private static ILogLineParser? DetectFrom(LineBlock lines, string name, ILogger logger)
    {
        var first = Enumerable.Range(0, Math.Min(lines.Count, 20)).Select(i => lines.Line(i).ToString()).ToList();
        var parser = FileSourceKind.Detect(first, out var reason);
        if (parser is null) logger.LogWarning("{Source}: cannot tell the format of its first lines ({Reason}); they are dead letters until it can be told", name, reason);
        else logger.LogInformation("{Source}: format {Format} detected from its first lines", name, parser.Format);
        return parser;
    }

    /// <summary>Lines of a file whose format could not yet be told: dead letters with the reason, not lost.</summary>
    private sealed class UnknownFormat : ILogLineParser
    {
        public string Format => "unknown";

        public ParseResult Parse(ReadOnlySpan<char> line, in Core.Events.EventOrigin origin) =>
            ParseResult.Fail("unknown-format", "the file's format could not be told from its first lines; give 'format'");
    }

    public void Dispose() { }
}
