namespace NetWatch.Pipeline.Observers;

/// <summary>
/// An observer that does the part of a batch's work that needs no store connection (the visits' reload from spill and
/// fold) on another thread, overlapped with the store stage's own DuckDB work (the rest of the batch's session, the next
/// batch's events and dead letters), and writes what it derived into the batch's session only when joined. The store
/// stage joins it before every commit of a session it has written into; the observer joins itself at its own next call
/// (the next batch, <see cref="IDefersToCommit.BeforeCommitAsync"/>, a flush), before it touches its state again. So
/// nothing is committed before the work it depends on has finished, what is written is what a sequential observer
/// writes (the same visits, into the same session), and a failure in the overlapped part surfaces at the join, before
/// the commit, failing the stream with nothing of that session committed.
/// Hand-over: between the start of the overlapped part and its join, only the overlapped part touches the observer's
/// state; the store stage's thread starts it and, after the join, has it back (the task's await orders the memory).
/// </summary>
public interface IOverlapsStore
{
    /// <summary>Waits for the overlapped work on the batches handed so far and writes what it derived into their session
    /// (the session being committed); rethrows the overlapped work's failure. Nothing pending: returns at once.</summary>
    Task JoinAsync(CancellationToken cancellationToken);
}
