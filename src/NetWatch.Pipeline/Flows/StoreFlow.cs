using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The stages every ingestion shares (import and the live service): parse (blocks in parallel, order kept; a
/// stateful parser's blocks one after another; the school and event.ingested stamped) → enrich → store, one write
/// session at a time. While the store is busy, batches queue up and go to it together, consecutive batches of one
/// source joined into one session (<see cref="BatchMerger"/>) that carries the last one's checkpoint. In each session:
/// the events, the dead letters (and the events the store rejected), what the observers derive from the new events,
/// the checkpoint; then commit (after the observers' work that ran aside is joined and written: <see cref="IOverlapsStore"/>),
/// after which observers that listen (<see cref="ICommitListener"/>) are told. Observers also flush every <see cref="PipelineOptions.FlushEvery"/> and at the end.
/// An import's batches (no checkpoints) may instead share one session until it holds a row group of new events
/// (<see cref="PipelineOptions.SessionEvents"/>).
/// </summary>
public static class StoreFlow
{
    public static Flow<ParseJob, StoredBatch, NotUsed> Create(IStoreWriter writer, EnrichStage enrich,
        IReadOnlyList<IEventObserver> observers, IClock clock, PipelineOptions options, CancellationToken cancellationToken, ISideFile? side = null)
    {
        var enriched = Flow.Create<ParseJob>()
            // SelectAsync calls its function in element order: a stateful parser parses right there, in order.
            .SelectAsync(options.ParseParallelism, job => job.Parser is IStatefulLogLineParser
                ? Task.FromResult(Parse(job, clock))
                : Task.Run(() => Parse(job, clock)))
            .Select(x =>
            {
                var (batch, notes) = enrich.Enrich(x.Batch, x.Screened);
                // The screened lines' last reader was the enrichment: the block is released (its buffer read into again).
                x.HeldLines?.Release();
                return x with { Batch = batch, Notes = notes, EnrichedAt = Stopwatch.GetTimestamp(), Screened = null, HeldLines = null };
            });
        // A live pipeline also lets its observers store what they hold every so often (the stream ends only when it stops).
        if (options.FlushEvery is { } every)
            enriched = enriched.Merge(Source.Tick(every, every, Parsed.Flush).MapMaterializedValue(_ => NotUsed.Instance), eagerComplete: true);
        if (MemorySamples.Enabled) MemorySamples.InFlight ??= InFlight.Now;
        // The side file's batches stay in memory (with their notes) until the main file takes them: at most
        // MemoryBudget.SideHeldWrites joined writes' worth, which the live service's memory plan counts in the managed heap.
        var store = new Store(writer, observers, options.SessionEvents, side, options.MaxEventsPerWrite * (long)MemoryBudget.SideHeldWrites, options.MaxEventsPerWrite, options.BehindAfter, cancellationToken);
        var pace = new SessionPace(options.MinSessionInterval, options.SmallSessionInterval, options.SmallSessionEvents);
        enriched = enriched.Concat(Source.Single(Parsed.End));
        // The alerts' fast lane: an observer that stores alert-raising events ahead does so here, before the batch
        // queues behind the session being written (IStoresAhead).
        if (observers.OfType<IStoresAhead>().ToList() is { Count: > 0 } ahead)
        {
            var stage = new Ahead(ahead, cancellationToken);
            enriched = enriched.SelectAsync(1, stage.PassAsync).SelectMany(x => x);
        }
        var flow = enriched.Async();
        // A live stage behind keeps its session open for the batches to come: when none come for CommitWhenQuiet (the feed
        // has gone quiet, or a backlog has been read to its end), an Idle marker commits it; otherwise its last lines
        // would wait uncommitted (not stored, their source not told) until the next periodic flush, minutes later.
        if (side is not null && options.BehindAfter is not null && options.CommitWhenQuiet is { } quiet)
            flow = flow.KeepAlive(quiet, () => Parsed.Idle);
        return flow
            .BatchWeighted(options.MaxEventsPerWrite, x => x.Batch.Events.Count + x.Batch.DeadLetters.Count,
                x => new List<Parsed> { x }, (list, x) => { list.Add(x); return list; })
            .SelectAsync(1, list => Task.Run(async () =>
            {
                // Only a quiet feed's Idle marker: nothing to pace (a session it commits was paced as it was written).
                if (list.TrueForAll(x => ReferenceEquals(x, Parsed.Idle))) return await store.WriteAsync(list);
                pace.Started();
                var events = list.Sum(x => x.Batch.Events.Count);
                var rows = events + (long)list.Sum(x => x.Batch.DeadLetters.Count);
                InFlight.Taken(rows);
                var stored = await store.WriteAsync(list);
                InFlight.Stored(rows);
                // The batches read meanwhile join the next session (BatchWeighted), which starts once this wait is over.
                await pace.WaitAsync(events, cancellationToken);
                return stored;
            }, cancellationToken))
            // Elements are whole joined batches: one waiting while one is written, so that BatchWeighted joins the rest
            // into one write (fewer, larger sessions) and at most MemoryBudget.BatchesInFlight batches are held at once.
            .WithAttributes(Attributes.CreateInputBuffer(1, 1))
            .SelectMany(stored => stored);
    }

    private static Parsed Parse(ParseJob job, IClock clock)
    {
        if (job.ResetParser && job.Parser is IStatefulLogLineParser stateful) stateful.Reset();
        var started = PhaseTimes.Start();
        var batch = new ParseStage(job.Parser, clock).Parse(job.Lines);
        PhaseTimes.Add("parse (summed over threads)", started);
        InFlight.Parsed(batch.Events.Count + batch.DeadLetters.Count);
        // The read-ahead's screened lines keep the block until enrichment, which releases it; otherwise nothing reads its
        // lines again, and the reader (an import's, a tailer's) takes its buffer for a later block (LineBlock.Release).
        if (job.Screened is null) job.Lines.Release();
        return new Parsed(Stamp(batch, job.School, clock.GetCurrentInstant()), job.ReadAt, job.Mark)
        {
            ParsedAt = Stopwatch.GetTimestamp(),
            Screened = job.Screened?.For(job.Lines),
            HeldLines = job.Screened is null ? null : job.Lines,
        };
    }

    /// <summary>organization.* (the source's school) and event.ingested on every event (in place: <see cref="IngestStamp"/>).</summary>
    private static EventBatch Stamp(EventBatch batch, Organization? school, Instant ingested)
    {
        IngestStamp.Apply(batch.Events, school, ingested);
        return batch;
    }

    /// <summary>A parsed (then enriched) batch, or a marker: <see cref="Flush"/> (observers store what they hold), <see cref="End"/> or <see cref="Idle"/>.</summary>
    private sealed record Parsed(EventBatch Batch, long ReadAt, SourceMark? Mark)
    {
        public IReadOnlyList<object> Notes { get; init; } = [];
        /// <summary>When parsing and enrichment finished (Stopwatch ticks), for the fast lane's hop times.</summary>
        public long ParsedAt { get; init; }
        public long EnrichedAt { get; init; }
        /// <summary>Until enriched: the lines of the batch the alerts' read-ahead found clean (<see cref="ReadAhead.ScreenedLines"/>).</summary>
        public ILexicallyScreened? Screened { get; init; }
        /// <summary>Until enriched: the block <see cref="Screened"/> reads, released once enriched (null: released at the parse).</summary>
        public LineBlock? HeldLines { get; init; }
        public static readonly Parsed Flush = new(new EventBatch("(flush)", [], [], 0, 0), 0, null);
        public static readonly Parsed End = new(new EventBatch("(end)", [], [], 0, 0), 0, null);
        /// <summary>No batch came for <see cref="PipelineOptions.CommitWhenQuiet"/>: a session kept open commits.</summary>
        public static readonly Parsed Idle = new(new EventBatch("(idle)", [], [], 0, 0), 0, null);
        public bool IsMarker => ReferenceEquals(this, Flush) || ReferenceEquals(this, End) || ReferenceEquals(this, Idle);
    }

    /// <summary>
    /// Hands each enriched batch to the observers that store ahead (<see cref="IStoresAhead"/>) and adds their notes;
    /// before the first element, what they recovered from an earlier run goes first, as a batch of its own.
    /// </summary>
    private sealed class Ahead(IReadOnlyList<IStoresAhead> observers, CancellationToken cancellationToken)
    {
        private bool _recovered;

        public async Task<IReadOnlyList<Parsed>> PassAsync(Parsed x)
        {
            var list = new List<Parsed>(2);
            if (!_recovered)
            {
                _recovered = true;
                foreach (var observer in observers)
                    if (await observer.RecoverAsync(cancellationToken) is { } recovered)
                        list.Add(new Parsed(recovered.Batch, Stopwatch.GetTimestamp(), null) { Notes = [recovered.Note] });
            }
            if (!x.IsMarker && x.Batch.Events.Count > 0)
            {
                List<object>? notes = null;
                foreach (var observer in observers)
                    if (await observer.AheadAsync(x.Batch, new BatchTimes(x.ReadAt, x.ParsedAt, x.EnrichedAt), cancellationToken) is { } note) (notes ??= [.. x.Notes]).Add(note);
                if (notes is not null) x = x with { Notes = notes };
            }
            list.Add(x);
            return list;
        }
    }

    /// <summary>
    /// The store stage: one session per run of one source's batches, or per marker; or, for batches without a checkpoint
    /// when <paramref name="sessionEvents"/> is set (an import), one session kept open across runs until it has stored
    /// that many new events (<see cref="PipelineOptions.SessionEvents"/>).
    /// With a side file (the live service, <see cref="ISideFile"/>): while the main file checkpoints in the background, a
    /// batch with a checkpoint is committed into the side file instead (the source told, as for a main commit), and held
    /// until the checkpoint is done; then main sessions take the held batches, oldest first, as they would have stored them
    /// (events, dead letters, what the observers derive, the checkpoint), before anything newer is written to the main
    /// file: a step of the move (<see cref="MoveStep"/> events) after each batch, which goes into the side file behind them
    /// as long as more than a step is held, so that no batch waits for the whole move (the move of a 2.5 s checkpoint's
    /// batches in one session, ~1.1 s, put 4 batches of ~228 over a second: bench/results/stall-2026-12-04-session21.txt).
    /// It holds at most <paramref name="maxSideEvents"/> events: past that it waits for the checkpoint and moves them all.
    /// Behind (<paramref name="behindAfter"/>: handed a full joined write whose oldest batch was read longer ago), the live
    /// stage keeps one session open across its calls instead, each batch written into it with its checkpoint, and commits
    /// it once it holds <see cref="PipelineOptions.StoreRowGroup"/> new events (at the block that fills it: <see cref="SessionCut"/>)
    /// or a call finds the stage no longer behind; only then are the batches' sources told and the batches passed on as
    /// stored. A writer that cares (<see cref="IBehindAware"/>) is told when the stage falls behind and when it keeps up again.
    /// Observers that can (<see cref="IDefersToCommit"/>: the visits) write what such a session's batches caused once, just
    /// before it commits, instead of with each batch.
    /// </summary>
    private sealed class Store(IStoreWriter writer, IReadOnlyList<IEventObserver> observers, int? sessionEvents, ISideFile? side, long maxSideEvents,
        int maxEventsPerWrite, TimeSpan? behindAfter, CancellationToken cancellationToken)
    {
        private readonly SideHeld _held = new();
        private bool _sideRecovered;
        /// <summary>New events a session kept open holds when it commits: an import's <paramref name="sessionEvents"/>, or
        /// a row group (a live stage behind).</summary>
        private readonly long _sessionRows = sessionEvents ?? PipelineOptions.StoreRowGroup;
        private IWriteSession? _open;
        /// <summary>New events stored in <see cref="_open"/>, and events handed to it.</summary>
        private long _openNew, _openSeen;
        /// <summary>Batches with checkpoints written into <see cref="_open"/> (behind), told and passed on at its commit:
        /// without their events (<see cref="StoredBatch.Released"/>), which the session has written and no one reads again.
        /// Held with them, up to a session's ~123,000 events (~200 MB) stayed alive until its commit, outside the memory plan
        /// (a 1M-line backlog's GC committed at most 456-466 MB with them, 307-322 without; bench/results/heap-2026-12-05-session28.txt).</summary>
        private readonly List<(StoredBatch Released, long ReadAt, SourceMark Mark)> _openMarks = [];
        private readonly List<StoredBatch> _released = [];
        /// <summary>Whether the last call was behind.</summary>
        private bool _behind;
        /// <summary>What the writer was last told (<see cref="IBehindAware"/>): behind and writing.</summary>
        private bool _writerBehind;

        /// <summary>The session kept open holds its new events, or has been handed four times as many (a re-import stores
        /// none, and its session should not grow without end).</summary>
        private bool OpenSessionFull => _openNew >= _sessionRows || _openSeen >= 4 * _sessionRows;

        public async Task<List<StoredBatch>> WriteAsync(List<Parsed> list)
        {
            try
            {
                return await WriteRunsAsync(list);
            }
            catch
            {
                // Nothing of the open session is committed: a failed import stores what it committed before, as a killed one.
                _open?.Dispose();
                _open = null;
                throw;
            }
        }

        private async Task<List<StoredBatch>> WriteRunsAsync(List<Parsed> list)
        {
            var readAt = list.Where(x => !x.IsMarker).Select(x => x.ReadAt).DefaultIfEmpty(Stopwatch.GetTimestamp()).Min();
            var stored = new List<StoredBatch>();
            // Whether this call makes a step of the move: when a batch went into the side file.
            var step = false;
            Timeline.Write($"stage takes {list.Count} batches, {list.Sum(x => x.Batch.Events.Count)} events, oldest read {Stopwatch.GetElapsedTime(readAt).TotalSeconds:F3} s ago");
            if (side is not null && !_sideRecovered)
            {
                // What a crash left in the side file goes in before anything read since (its sources resumed after it).
                _sideRecovered = true;
                _held.Recover(side.Pending());
            }
            // Behind (PipelineOptions.BehindAfter): only then does a session stay open past this call. It takes a full joined
            // write of lines read long ago to fall behind, and either to stay so: a stage behind whose write was quicker than
            // the parsing gets a short write of old lines, or a full one of lines read just under BehindAfter ago (at
            // 50,000 lines/s, with the lag still a second or two), and committing there left its session short of a row
            // group (~96,000 of 122,880 events: all of them through the WAL, a commit of ~0.7 s instead of ~0.3 s).
            // A call of the idle marker alone (no batch for a second) is never behind: the feed has gone quiet.
            var old = behindAfter is { } after && Stopwatch.GetElapsedTime(readAt) > after;
            var full = list.Sum(x => (long)x.Batch.Events.Count + x.Batch.DeadLetters.Count) >= maxEventsPerWrite * 3L / 4;
            var behind = side is not null && behindAfter is not null && list.Any(x => !x.IsMarker) && (_behind ? old || full : old && full);
            // Only a change of the stage's own state is told here: a checkpoint's lent threads (CommitOpenAsync) are taken
            // back after the wait for it (WriteBehindAsync), not as the next call starts.
            if (behind != _behind) TellWriter(behind);
            _behind = behind;
            var start = 0;
            for (var i = 1; i <= list.Count; i++)
            {
                if (i < list.Count && !list[i].IsMarker && !list[start].IsMarker && list[i].Batch.Source == list[start].Batch.Source) continue;
                var run = list.GetRange(start, i - start);
                start = i;
                if (run[0].IsMarker)
                {
                    if (ReferenceEquals(run[0], Parsed.Idle))
                    {
                        await CommitOpenAsync();
                        continue;
                    }
                    // A periodic flush while the main file checkpoints waits for the next one (its writes would wait for the checkpoint).
                    if (side is { Checkpointing: true } && !ReferenceEquals(run[0], Parsed.End)) continue;
                    await TakeHeldAsync();
                    await CommitOpenAsync();
                    await FlushAsync(final: ReferenceEquals(run[0], Parsed.End));
                    continue;
                }
                var mark = run[^1].Mark;
                // Behind, and until that session commits: the batches share one session (WriteBehindAsync), after what
                // the side file held, and none goes into the side file.
                if (side is not null && mark is not null && (_open is not null || behind))
                {
                    await TakeHeldAsync();
                    for (var rest = run; rest.Count > 0;)
                    {
                        var part = rest.GetRange(0, SessionCut.BlocksToFill(rest, _sessionRows - _openNew, x => x.Batch.Events.Count, x => x.Mark is not null));
                        rest = rest.GetRange(part.Count, rest.Count - part.Count);
                        await WriteBehindAsync(Merge(part), NotesOf(part), part[^1].Mark!, readAt);
                    }
                    continue;
                }
                var batch = Merge(run);
                var notes = NotesOf(run);
                if (mark is null && sessionEvents is not null)
                {
                    await WriteOpenAsync(batch, notes, readAt, stored);
                    continue;
                }
                // While the main file checkpoints, and after it while the held batches are moved a step at a time (more
                // of them left than one step takes), a batch goes into the side file behind them: it never waits for the
                // whole move, and the main file still takes every source's batches in the order they were read.
                // The bound holds while the checkpoint runs (past it, the stage waits for the checkpoint and moves them all);
                // after it, each step takes two batches or more for the one added, so what is held only shrinks.
                if (side is not null && mark is not null &&
                    (side.Checkpointing ? _held.Events + batch.Events.Count <= maxSideEvents : _held.Events > MoveStep))
                {
                    step = true;
                    // Durable in the side file: its source may go on. The events are counted as stored now (which were
                    // duplicates is known once the main file takes them).
                    var phase = PhaseTimes.Start();
                    var t0 = Timeline.Start();
                    _held.Add(side.Store(batch, mark.Checkpoint), batch, notes, mark.Checkpoint);
                    PhaseTimes.Add("store: side file commit", phase);
                    mark.Committed?.Invoke();
                    stored.Add(new StoredBatch(batch, batch.Events.Count, Stopwatch.GetElapsedTime(readAt), mark.Checkpoint.Source));
                    Timeline.Write($"side commit {batch.Events.Count} events {Timeline.Since(t0)}; latency {stored[^1].Latency.TotalSeconds:F3} s; held {_held.Count} batches {_held.Events} events");
                    continue;
                }
                await TakeHeldAsync();
                await CommitOpenAsync();
                var t1 = Timeline.Start();
                using (var session = writer.Begin())
                {
                    var result = await WriteAsync(session, batch, notes, mark?.Checkpoint);
                    await CommitAsync(session);
                    mark?.Committed?.Invoke();
                    stored.Add(new StoredBatch(batch, result.New.Count, Stopwatch.GetElapsedTime(readAt), mark?.Checkpoint.Source));
                }
                Timeline.Write($"main session {batch.Events.Count} events {Timeline.Since(t1)}; latency {stored[^1].Latency.TotalSeconds:F3} s");
                side?.CheckpointIfDue();
            }
            // The checkpoint is done and batches are still held: one step of the move (the oldest of them), then the
            // batches read meanwhile (the next stage call).
            if (step && side is { Checkpointing: false } && _held.Count > 0) await MoveAsync(_held.Front(MoveStep));
            if (!behind && _openMarks.Count > 0) await CommitOpenAsync();
            stored.AddRange(_released);
            _released.Clear();
            return stored;
        }

        /// <summary>
        /// The most events one step of the move takes (but never fewer than two batches, <see cref="SideHeld.Front"/>, so
        /// that the move ends). At 12,000 lines/s a paced session holds ~3,000 events; the move stores ~30 µs an event (a
        /// 36,000-event move took 1.1 s; quiet steps of 6,000-12,000 events took 0.2-0.4 s), so a step of this many takes
        /// ~0.25 s, which keeps every batch behind it under a second. Not more for a larger batch: twice the batch (the first
        /// version) fed on itself in a quiet run, a 10,798-event batch (read during a slow side commit) made a 21,025-event
        /// step of 0.73 s, and the batches behind it waited over a second (bench/results/stall-2026-12-04-session21.txt).
        /// </summary>
        private const long MoveStep = 8_192;

        /// <summary>
        /// A batch without a checkpoint into the session kept open, cut where the session's new events reach a multiple of
        /// <see cref="_sessionRows"/> (an import's <see cref="PipelineOptions.SessionEvents"/>: the session commits there and
        /// the rest goes to the next one). A batch with notes for the observers (attribution's pending findings, which count
        /// the whole batch at once) is not cut: its session commits once it has passed them. Each part is passed on as stored
        /// once written: it is committed with its session, and nothing outside the store waits for that (no checkpoint, no
        /// source to tell).
        /// </summary>
        private async Task WriteOpenAsync(EventBatch batch, IReadOnlyList<object> notes, long readAt, List<StoredBatch> stored)
        {
            var rest = batch;
            while (true)
            {
                var part = rest;
                EventBatch? next = null;
                var room = (int)(_sessionRows - _openNew % _sessionRows);
                if (notes.Count == 0 && rest.Events.Count > room) (part, next) = BatchSplitter.Split(rest, room);
                _open ??= writer.Begin();
                var result = await WriteAsync(_open, part, notes, checkpoint: null);
                _openNew += result.New.Count;
                _openSeen += part.Events.Count;
                stored.Add(new StoredBatch(part, result.New.Count, Stopwatch.GetElapsedTime(readAt)));
                if (OpenSessionFull) await CommitOpenAsync();
                if (next is null) return;
                rest = next;
            }
        }

        /// <summary>
        /// Before anything is written to the main file: the batches held in the side file go in first, in one main session
        /// (<see cref="MoveAsync"/>). Waits for the checkpoint if one still runs.
        /// </summary>
        private async Task TakeHeldAsync()
        {
            if (side is null || _held.Count == 0) return;
            await WaitForCheckpointAsync("store: side file waits for the checkpoint");
            await MoveAsync(_held.Count);
        }

        /// <summary>Waits for the main file's running checkpoint (none: returns at once), timed as <paramref name="phaseName"/>.</summary>
        private async Task WaitForCheckpointAsync(string phaseName)
        {
            var phase = PhaseTimes.Start();
            var tw = Timeline.Start();
            await side!.WaitAsync(cancellationToken);
            PhaseTimes.Add(phaseName, phase);
            Timeline.Write($"waited for the checkpoint: {Timeline.Since(tw)}");
        }

        /// <summary>
        /// The <paramref name="count"/> oldest held batches into the main file, in one main session that records how far it
        /// took the side file (so a crash after its commit never moves them again, and one before it moves them all
        /// again); then the side file forgets them. Only while no checkpoint runs.
        /// </summary>
        private async Task MoveAsync(int count)
        {
            var phase = PhaseTimes.Start();
            var t0 = Timeline.Start();
            var last = _held.SequenceAt(count);
            var events = 0L;
            using (var session = writer.Begin())
            {
                foreach (var (batch, notes, checkpoint) in _held.Runs(count))
                {
                    events += batch.Events.Count;
                    await WriteAsync(session, batch, notes, checkpoint);
                }
                await session.TakeSideAsync(last, cancellationToken);
                await CommitAsync(session);
            }
            _held.RemoveFront(count);
            side!.Settle(last);
            PhaseTimes.Add("store: side file moved", phase);
            PhaseTimes.Size("store: side batches per move", count);
            Timeline.Write($"moved {count} held batches, {events} events, {Timeline.Since(t0)}; {_held.Count} batches {_held.Events} events left");
            side.CheckpointIfDue();
        }

        private static EventBatch Merge(List<Parsed> run) => BatchMerger.Merge(run.Select(x => x.Batch).ToList());

        private static IReadOnlyList<object> NotesOf(List<Parsed> run) => run.Count == 1 ? run[0].Notes : run.SelectMany(x => x.Notes).ToList();

        private async Task WriteBehindAsync(EventBatch batch, IReadOnlyList<object> notes, SourceMark mark, long readAt)
        {
            // A write transaction open as a checkpoint starts would make it fail, and the commit would wait for it inside
            // DuckDB anyway: a new session starts after a running one.
            if (_open is null && side is { Checkpointing: true }) await WaitForCheckpointAsync("store: behind, waits for the checkpoint");
            // The stage's own state again (a session left open is written here after the stage has caught up, too).
            TellWriter(_behind);
            _open ??= writer.Begin();
            var result = await WriteAsync(_open, batch, notes, mark.Checkpoint, held: true);
            _openNew += result.New.Count;
            _openSeen += batch.Events.Count;
            _openMarks.Add((StoredBatch.Released(batch, result.New.Count), readAt, mark));
            if (OpenSessionFull) await CommitOpenAsync();
        }

        private async Task CommitOpenAsync()
        {
            if (_open is not { } open) return;
            _open = null;
            PhaseTimes.Size("store: new events per session kept open", _openNew);
            (_openNew, _openSeen) = (0, 0);
            using (open)
            {
                // Behind, the observers that held back what its batches caused write it now (IDefersToCommit).
                if (_openMarks.Count > 0)
                    foreach (var observer in observers)
                        if (observer is IDefersToCommit deferring)
                        {
                            var phase = PhaseTimes.Start();
                            await deferring.BeforeCommitAsync(open, cancellationToken);
                            PhaseTimes.Add("store: observer " + observer.GetType().Name + " before commit", phase);
                        }
                await CommitAsync(open);
            }
            if (_openMarks.Count == 0) return;
            foreach (var (released, readAt, mark) in _openMarks)
            {
                mark.Committed?.Invoke();
                _released.Add(released with { Latency = Stopwatch.GetElapsedTime(readAt), CheckpointSource = mark.Checkpoint.Source });
            }
            Timeline.Write($"behind session committed {_openMarks.Count} batches");
            _openMarks.Clear();
            // Behind, the next session waits for a checkpoint started now, and nothing is written meanwhile: the writer
            // may give the checkpoint what it holds back while writing (DuckDB's threads), and is told behind again
            // before the next session (WriteBehindAsync).
            if (side?.CheckpointIfDue() == true && _behind) TellWriter(false, "a checkpoint runs, nothing written");
        }

        /// <summary>Tells the writer (<see cref="IBehindAware"/>) that the stage is behind and writing, or not, when that changes.</summary>
        private void TellWriter(bool behind, string? why = null)
        {
            if (behind == _writerBehind) return;
            _writerBehind = behind;
            if (writer is not IBehindAware aware) return;
            aware.Behind(behind);
            Timeline.Write($"{why ?? (behind ? "behind" : "keeping up")}: the writer told");
        }

        /// <summary>Everything a batch causes, into <paramref name="session"/>: its events, dead letters, what the observers derive, its checkpoint.
        /// <paramref name="held"/>: the session stays open after this batch (behind), and observers that can may hold what
        /// they write until it commits (<see cref="IDefersToCommit"/>).</summary>
        private async Task<EventWriteResult> WriteAsync(IWriteSession session, EventBatch batch, IReadOnlyList<object> notes, Checkpoint? checkpoint,
            bool held = false)
        {
            var phase = PhaseTimes.Start();
            var result = batch.Events.Count == 0 ? EventWriteResult.Nothing : await session.WriteEventsAsync(batch.Events, cancellationToken);
            PhaseTimes.Add("store: events", phase);
            phase = PhaseTimes.Start();
            var deadLetters = result.Rejected.Count == 0 ? batch.DeadLetters
                : batch.DeadLetters.Concat(result.Rejected.Select(r => Rejected(r, batch))).ToList();
            if (deadLetters.Count > 0) await session.WriteDeadLettersAsync(deadLetters, cancellationToken);
            PhaseTimes.Add("store: dead letters", phase);
            var observed = new ObservedBatch(batch, result.New, notes);
            foreach (var observer in observers)
            {
                phase = PhaseTimes.Start();
                await (held && observer is IDefersToCommit deferring
                    ? deferring.ObserveHeldAsync(observed, session, cancellationToken)
                    : observer.ObserveAsync(observed, session, cancellationToken));
                PhaseTimes.Add("store: observer " + observer.GetType().Name, phase);
            }
            phase = PhaseTimes.Start();
            if (checkpoint is not null)
                await session.SaveCheckpointAsync(checkpoint, new CheckpointTotals(batch.LinesRead, result.New.Count,
                    batch.Events.Count - result.New.Count - result.Rejected.Count, deadLetters.Count), cancellationToken);
            PhaseTimes.Add("store: checkpoint row", phase);
            return result;
        }

        private async Task CommitAsync(IWriteSession session)
        {
            await JoinObserversAsync();
            var phase = PhaseTimes.Start();
            await session.CommitAsync(cancellationToken);
            PhaseTimes.Add("store: commit", phase);
            TellCommitted();
        }

        private async Task FlushAsync(bool final)
        {
            if (observers.Count == 0) return;
            var phase = PhaseTimes.Start();
            using var session = writer.Begin();
            foreach (var observer in observers) await observer.FlushAsync(session, final, cancellationToken);
            await JoinObserversAsync();
            await session.CommitAsync(cancellationToken);
            PhaseTimes.Add("store: observers flush + commit", phase);
            TellCommitted();
        }

        /// <summary>Before every commit: the observers' work on this session's batches that ran aside is finished and written
        /// into it (<see cref="IOverlapsStore"/>); its failure fails the session here, before anything of it commits.</summary>
        private async Task JoinObserversAsync()
        {
            foreach (var observer in observers)
                if (observer is IOverlapsStore overlapping)
                {
                    var phase = PhaseTimes.Start();
                    await overlapping.JoinAsync(cancellationToken);
                    PhaseTimes.Add("store: observer " + observer.GetType().Name + " join", phase);
                }
        }

        private void TellCommitted()
        {
            foreach (var observer in observers)
                if (observer is ICommitListener listener) listener.Committed();
        }

        /// <summary>An event the store would not take becomes a dead letter with the store's reason: never dropped silently.</summary>
        private static DeadLetter Rejected(RejectedEvent r, EventBatch batch) =>
            new(r.Event.Origin.Source, r.Event.Origin.LineNumber, $"event {r.Event.Id}", "store-rejected", r.Reason,
                r.Event.Ingested ?? r.Event.Timestamp);
    }
}
