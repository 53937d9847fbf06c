using System.Diagnostics;
using NetWatch.Core.Diagnostics;
using NetWatch.Pipeline.Observers;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The folding observers' pure part (<see cref="IFoldingObserver"/>: the visits' aggregation) off the store thread, the
/// store stage's critical path: the fold of batch N runs on the thread pool while the store thread appends batch N+1's
/// events. At most one batch is pending: before the next batch's fold starts, and before the session that holds the
/// pending batch commits, the store thread waits for its fold and writes what it yields into that session
/// (<see cref="WriteDueAsync"/>). So the folds run one at a time in batch order (an aggregator is not thread-safe), every
/// write happens on the store thread, and a batch's visits commit with its events, as when the observer ran inline.
/// </summary>
internal sealed class FoldLane(IReadOnlyList<IFoldingObserver> observers, CancellationToken cancellationToken)
{
    private Pending? _pending;

    private sealed record Pending(Task<FoldedWrite[]> Folds, IWriteSession Session);

    public bool IsEmpty => observers.Count == 0;

    /// <summary>
    /// After a batch's events are written into <paramref name="session"/>: writes the previous batch's fold, prepares this
    /// one on the store thread (the observers' reads of the store) and starts its fold.
    /// </summary>
    public async Task StartAsync(ObservedBatch batch, IWriteSession session)
    {
        if (observers.Count == 0) return;
        await WriteDueAsync();
        var phase = PhaseTimes.Start();
        foreach (var observer in observers) await observer.PrepareAsync(batch, cancellationToken);
        PhaseTimes.Add("store: folding observers prepare", phase);
        _pending = new Pending(Task.Run(() => Fold(batch), cancellationToken), session);
    }

    /// <summary>Waits for the pending fold, if any, and writes what it yields into the session of its batch (still open: this
    /// comes before that session commits).</summary>
    public async Task WriteDueAsync()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        if (!pending.Folds.IsCompleted)
        {
            // Wall time only: the wait resumes on the thread that finished the fold, whose CPU clock is another's.
            var waiting = Stopwatch.GetTimestamp();
            await pending.Folds;
            PhaseTimes.Size("store: ms waited for a fold still running", (long)Stopwatch.GetElapsedTime(waiting).TotalMilliseconds);
        }
        var writes = await pending.Folds;
        var phase = PhaseTimes.Start();
        foreach (var write in writes) await write(pending.Session, cancellationToken);
        PhaseTimes.Add("store: folding observers write", phase);
    }

    /// <summary>After a failure (the session is rolled back): waits for a fold still running, so that nothing folds while the
    /// stage fails, and drops what it yields.</summary>
    public void Abandon()
    {
        if (_pending is not { } pending) return;
        _pending = null;
        try
        {
            pending.Folds.Wait(CancellationToken.None);
        }
        catch
        {
            // The session it belonged to is rolled back: its fold's error adds nothing to the one being thrown.
        }
    }

    private FoldedWrite[] Fold(ObservedBatch batch)
    {
        var phase = PhaseTimes.Start();
        var writes = new FoldedWrite[observers.Count];
        for (var i = 0; i < observers.Count; i++) writes[i] = observers[i].Fold(batch);
        PhaseTimes.Add("folding observers fold (off the store thread)", phase);
        return writes;
    }
}
