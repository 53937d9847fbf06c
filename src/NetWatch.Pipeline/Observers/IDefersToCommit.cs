using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// An observer that, in a session the store stage keeps open across several writes (the live stage behind: each joined
/// write goes into one session until it holds a row group), may hold back what it writes with each batch and write it
/// once, just before that session commits. For an observer whose writes replace each other: the visits observer stores
/// every open visit a batch touched, replacing its earlier version, so a session of ~6 writes at 50,000 lines/s deleted
/// and re-inserted the same visits ~6 times (22.9 s of the store thread's ~164 s), and only the version that stands at
/// the commit is ever seen outside the session. What it writes before the commit must be what writing with each batch
/// would have left in the session; a crash before the commit loses the whole session either way. Sessions of one write
/// (keeping up, an import, the side file's moves) call <see cref="IEventObserver.ObserveAsync"/> as before.
/// </summary>
public interface IDefersToCommit
{
    /// <summary>As <see cref="IEventObserver.ObserveAsync"/>, for a batch written into a session that stays open after it:
    /// what the batch causes may be written by <see cref="BeforeCommitAsync"/> instead.</summary>
    Task ObserveHeldAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken);

    /// <summary>Just before a session kept open commits (after its last batch and checkpoint): writes what it held back.</summary>
    Task BeforeCommitAsync(IWriteSession session, CancellationToken cancellationToken);
}
