using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers.Spill;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// Time on site, computed as batches pass: each new event joins its person's open visit to its domain
/// (<see cref="VisitAggregator"/>); a visit idle for longer than the gap at the newest event's time is closed and
/// written. Memory holds the open visits only. Before its first new events it reopens the stored visits they may
/// continue (a previous import of the same day, or the run before a restart): those that start within a day of the
/// events and end within the idle gap before them, or later. Visits are written replacing their earlier version (by first
/// event), so a visit written open and again when it grows is stored once. An import writes each visit once, when it
/// closes: only the stored visits it reopened have an earlier version to replace, so the others are added without
/// looking for one (the delete that replacing takes was half of the observer's write). The service does the same with the
/// open visits it writes: a visit's first version is appended, later ones replace it; and a visit closed unchanged since
/// its last write is not written again (<see cref="VisitAggregator.CloseIdle"/>).
/// </summary>
/// <param name="writeOpen">Write the open visits that changed with every batch (the service: a crash then loses
/// nothing committed); otherwise open visits are written when they close and at the end (an import). In a session the
/// store stage keeps open over several writes (the service behind, <see cref="IDefersToCommit"/>), with every commit
/// instead: each visit the session's batches touched or closed once, as it stands then, not once per batch.</param>
/// <param name="budget">The most memory the open visits take (the service with a memory budget; only with
/// <paramref name="writeOpen"/>, so that every open visit is stored as it stands after each batch). Past it, after a
/// batch's write, those with the oldest end are left to the store (<see cref="VisitAggregator.Evict"/>) and their keys
/// kept, as stored, in spill files (<see cref="EvictedVisits"/>); before a batch's events are added, the evicted visits of
/// its keys that are not open are read back from there and those still within the gap reopened, so a request continues
/// its visit as if it had stayed in memory. Null: every open visit stays in memory (an import: its log is replayed in time
/// order, so its open visits are at most a gap's worth, and it stores a visit only when it closes).</param>
/// <param name="spillDirectory">Where the evicted visits' files go under a budget (the store's directory: <see cref="SpillDirectoryOf"/>);
/// null: a directory of this observer's own in the temp directory (tests).</param>
/// <param name="aside">Each batch's reload and fold run on the thread pool, overlapped with the store stage's DuckDB work,
/// and its visits are written at the join (<see cref="IOverlapsStore"/>); false: inline, in the order of the calls (tests
/// compare the two).</param>
public sealed class VisitObserver(IEventSearch search, Duration idleGap, bool writeOpen, OpenVisitBudget? budget = null,
    string? spillDirectory = null, bool aside = true) : IEventObserver, IDefersToCommit, IOverlapsStore, IDisposable
{
    /// <summary>The directory of a store's evicted visits' spill files: one service runs on a store (DuckDB's lock), so what a
    /// run before it left there (a crash) is its own, and deleted.</summary>
    public static string SpillDirectoryOf(string storeDirectory) => Path.Combine(storeDirectory, "visits-spill");

    /// <summary>How far before the first new events a stored visit may have started and still be continued by them.</summary>
    public static readonly Duration ReopenWindow = Duration.FromDays(1);

    private readonly VisitAggregator _visits = Sampled(new VisitAggregator(idleGap));
    /// <summary>Where each batch's reload and fold run: aside, overlapped with the store stage (<see cref="IOverlapsStore"/>).</summary>
    private readonly AsideStep _aside = new(aside);
    private bool _reopened;
    /// <summary>The first events of the stored visits reopened (the only visits an import writes that have a stored version).</summary>
    private readonly HashSet<EventId> _stored = [];
    private readonly EvictedVisits? _evicted = budget is null ? null
        : writeOpen ? new EvictedVisits(idleGap, spillDirectory ?? Path.Combine(Path.GetTempPath(), $"netwatch-visits-spill-{Guid.NewGuid():N}"))
        : throw new ArgumentException("a budget of open visits needs the open visits written with every batch", nameof(budget));

    /// <summary>Visits left to the store and visits reloaded from it so far (under a budget).</summary>
    public long Evicted { get; private set; }
    public long Reloaded { get; private set; }

    /// <summary>With NETWATCH_MEMORY_SAMPLES, the open visits are counted in each sample (a count read from another thread: a sample may be a batch late).</summary>
    private static VisitAggregator Sampled(VisitAggregator visits)
    {
        if (MemorySamples.Enabled) MemorySamples.OpenVisits = () => visits.OpenCount;
        return visits;
    }

    /// <summary>Visits open in memory now, and what they take (estimated: <see cref="VisitAggregator.HeldBytes"/>).</summary>
    public int OpenCount => _visits.OpenCount;
    public long HeldBytes => _visits.HeldBytes;

    /// <summary>Visits written so far (each version counted).</summary>
    public long Written { get; private set; }

    public Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken) =>
        ObserveAsync(batch, session, hold: false, cancellationToken);

    /// <summary>The service's visits wait for the session's commit (<see cref="IDefersToCommit"/>); an import writes a visit
    /// once, when it closes, as in any session.</summary>
    public Task ObserveHeldAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken) =>
        ObserveAsync(batch, session, hold: writeOpen, cancellationToken);

    /// <summary>The visits the session's batches touched or closed, each once, as they stand now.</summary>
    public async Task BeforeCommitAsync(IWriteSession session, CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        if (_heldBatches > 0) await WriteTouchedAsync(session, cancellationToken);
    }

    /// <summary>
    /// What the service has not yet written (<paramref name="hold"/>: a session kept open writes it at its commit): the
    /// visits closed since the last write that were never stored (appended then, without the delete that looks for an
    /// earlier version) and those stored before (replacing it); and the batches held, whose touched open visits the
    /// aggregator lists until <see cref="VisitAggregator.TakeTouched"/>.
    /// </summary>
    private List<IVisitView> _heldFirst = [], _heldReplacing = [];
    private int _heldBatches;

    /// <summary>Under a budget, the open visits take more than it allows: the oldest are to be left to the store.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(_evicted))]
    private bool OverBudget => _evicted is not null && _visits.HeldBytes > budget!.MaxBytes;

    private async Task ObserveAsync(ObservedBatch batch, IWriteSession session, bool hold, CancellationToken cancellationToken)
    {
        // The batch before: its fold is finished and what it caused written (into this same session: every commit joins).
        await JoinAsync(cancellationToken);
        if (batch.New.Count == 0) return;
        if (!_reopened) await ReopenAsync(batch, cancellationToken);
        // The service: visits (closed or open) never stored before go apart, appended without the delete that looks for an
        // earlier version (most of a backlog's visits open and close within a batch; a live feed's new ones); the others
        // replace their stored version. An import keeps its own account of what it reopened (_stored).
        var closed = writeOpen ? _heldReplacing : new List<IVisitView>();
        var firstVersions = writeOpen ? _heldFirst : null;
        // The pure part (no session), aside while the store stage goes on with its DuckDB work (IOverlapsStore); the write
        // part once joined.
        _aside.Start(() => Fold(batch, closed, firstVersions, hold));
        _owed = () => WriteStepAsync(session, closed, hold, cancellationToken);
    }

    /// <summary>The write part of the batch whose fold was started last (null: none owed).</summary>
    private Func<Task>? _owed;

    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        if (_owed is not { } owed) return;
        _owed = null;
        var phase = PhaseTimes.Start();
        await _aside.JoinAsync();
        PhaseTimes.Add("store: visits join waits for the fold", phase);
        await owed();
    }

    /// <summary>
    /// A batch's pure part, aside (<see cref="IOverlapsStore"/>): under a budget the evicted visits its requests continue
    /// reloaded from spill, then its new events folded into the open visits, and the idle ones closed into
    /// <paramref name="closed"/>. Touches this observer's memory and spill files only, never a session.
    /// </summary>
    private void Fold(ObservedBatch batch, List<IVisitView> closed, List<IVisitView>? firstVersions, bool hold)
    {
        if (_evicted is not null) Reload(batch);
        var fold = PhaseTimes.Start();
        foreach (var e in batch.New)
            if (_visits.Add(e, firstVersions) is { } done) closed.Add(done);
        // Add already treats a visit idle at the watermark as closed, so where the batches are cut changes nothing.
        if (_visits.Watermark is { } watermark) closed.AddRange(_visits.CloseIdle(watermark, firstVersions));
        // Named as a session per batch would have named them (an earlier request that joins later does not rename one).
        if (hold) _visits.KeepNames();
        PhaseTimes.Add("store: visits fold (aside)", fold);
    }

    /// <summary>A batch's write part, on the store stage once its fold is joined, into the batch's session.</summary>
    private async Task WriteStepAsync(IWriteSession session, List<IVisitView> closed, bool hold, CancellationToken cancellationToken)
    {
        if (!writeOpen)
        {
            await WriteAsync(session, closed, cancellationToken);
            return;
        }
        _heldBatches++;
        // Past the budget, what is held is written now: a visit left to the store must be stored as it stands (a request
        // that continues it reads it back through this session).
        if (hold && !OverBudget) return;
        await WriteTouchedAsync(session, cancellationToken);
        // Every open visit is stored as it stands now: past the budget, the oldest are left to the store.
        if (OverBudget)
        {
            var phase = PhaseTimes.Start();
            // Each written to its spill file as it goes (no record of it made).
            var evicted = _visits.Evict(budget!.KeepBytes, _evicted.Add);
            Evicted += evicted;
            PhaseTimes.Add("store: visits evict (in observer)", phase);
            PhaseTimes.Size("store: visits evicted per eviction", evicted);
        }
    }

    /// <summary>The service's write: the open visits touched since the last one and the visits closed meanwhile, as they
    /// stand (each once: a visit closed is no longer touched, and the aggregator lists a touched one once).</summary>
    private async Task WriteTouchedAsync(IWriteSession session, CancellationToken cancellationToken)
    {
        var (firstVersions, closed) = (_heldFirst, _heldReplacing);
        // New lists for the next write: a store may keep the ones it was handed.
        (_heldFirst, _heldReplacing) = ([], []);
        PhaseTimes.Size("store: visits batches per write", _heldBatches);
        _heldBatches = 0;
        var take = PhaseTimes.Start();
        closed.AddRange(_visits.TakeTouched(firstVersions));
        PhaseTimes.Add("store: visits take touched (in observer)", take);
        if (firstVersions.Count > 0)
        {
            await session.AddVisitsAsync(firstVersions, cancellationToken);
            Written += firstVersions.Count;
        }
        PhaseTimes.Size("store: visits appended per write (first versions)", firstVersions.Count);
        PhaseTimes.Size("store: visits replaced per write", closed.Count);
        await WriteAsync(session, closed, cancellationToken);
    }

    /// <summary>
    /// Before a batch's events are added: the visits evicted earlier that its requests may continue, read back from their
    /// spill files, of the keys not open, and reopened when not idle at the watermark (an evicted visit idle by now would have
    /// been closed, as stored, had it stayed open: the aggregator starts a new one either way). Nothing evicted is read from
    /// the store: a visit is stored as it stands when it is evicted and nothing changes it there until it is reopened, so its
    /// spilled record is the store's latest of its key, as the store's look-up gave it. A session rolled back fails the
    /// stream, and this observer with it: no later batch reads what it spilled.
    /// </summary>
    private void Reload(ObservedBatch batch)
    {
        if (_visits.Watermark is not { } watermark) return;
        _evicted!.Expire(watermark);
        if (_evicted.IsEmpty) return;
        var phase = PhaseTimes.Start();
        var (from, found) = (watermark - idleGap, 0);
        foreach (var e in batch.New)
        {
            if (VisitAggregator.KeyOf(e) is not (string person, string domain) || _visits.IsOpen(person, domain)) continue;
            if (_evicted.Take(person, domain, from) is not { } spilled) continue;
            _visits.Reopen(spilled.Visit, spilled.Requests);
            found++;
        }
        Reloaded += found;
        PhaseTimes.Add("store: visits reload from spill (aside)", phase);
        if (found > 0) PhaseTimes.Size("store: visits reloaded per batch", found);
    }

    public async Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken)
    {
        await JoinAsync(cancellationToken);
        if (!final) return;
        // The store stage commits a session kept open before it flushes; were anything still held, it goes first.
        if (_heldBatches > 0) await WriteTouchedAsync(session, cancellationToken);
        await WriteAsync(session, _visits.Flush(), cancellationToken);
        // Every visit is stored and closed: nothing evicted is continued any more.
        _evicted?.Dispose();
    }

    /// <summary>The evicted visits' spill files go (a run that fails ends here without its final flush).</summary>
    public void Dispose()
    {
        // A fold still aside (the stream failed before its join) reads the spill files: they go once it is done.
        _aside.WaitQuietly();
        _evicted?.Dispose();
    }

    private async Task ReopenAsync(ObservedBatch batch, CancellationToken cancellationToken)
    {
        _reopened = true;
        var first = batch.New.Min(e => e.Start ?? e.Timestamp);
        // Starts are not in order (a request's start is its end less its duration): a stored visit may start after the
        // first new request and still be the one the next requests continue.
        foreach (var v in await search.VisitsAsync(first - ReopenWindow, first + ReopenWindow, null, cancellationToken))
            if (first - v.End <= idleGap)
            {
                _visits.Reopen(v);
                _stored.Add(v.FirstEventId);
            }
    }

    private async Task WriteAsync(IWriteSession session, IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
    {
        if (visits.Count == 0) return;
        // The service writes open visits again as they grow: each replaces its earlier version.
        if (writeOpen) await session.WriteVisitsAsync(visits, cancellationToken);
        else if (_stored.Count == 0) await session.AddVisitsAsync(visits, cancellationToken);
        else
        {
            var replacing = visits.Where(v => _stored.Contains(v.FirstEventId)).ToList();
            if (replacing.Count > 0) await session.WriteVisitsAsync(replacing, cancellationToken);
            if (replacing.Count < visits.Count) await session.AddVisitsAsync(visits.Where(v => !_stored.Contains(v.FirstEventId)).ToList(), cancellationToken);
        }
        Written += visits.Count;
    }
}
