using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// An observer whose work on a batch is mostly a pure fold over the batch's new events (no store, no session: the
/// visits' aggregation), and then a write of what the fold yields. The store stage runs the fold on another thread while
/// the store thread writes the next batch's events (<see cref="Flows.FoldLane"/>), one fold at a time in batch order, and
/// writes its result on the store thread into the session that holds the batch, before that session commits: so what
/// it derives still commits with the batch that caused it. <see cref="IEventObserver.ObserveAsync"/> stays the whole of
/// it in one call (prepare, fold, write), for callers without a lane.
/// </summary>
public interface IFoldingObserver : IEventObserver
{
    /// <summary>On the store thread, before the batch's fold: what the fold needs read from the store.</summary>
    Task PrepareAsync(ObservedBatch batch, CancellationToken cancellationToken);

    /// <summary>Pure (no store, no session); called one batch at a time, in batch order, on any thread. Returns the write
    /// it owes, for the store thread to do in the batch's session.</summary>
    FoldedWrite Fold(ObservedBatch batch);
}

/// <summary>What a fold yields: its write into a session, done on the store thread.</summary>
public delegate Task FoldedWrite(IWriteSession session, CancellationToken cancellationToken);
