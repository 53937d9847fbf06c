using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Storage.Contracts.Writing;

/// <summary>
/// The live service's side file (issue 18): while the store's main file checkpoints in the background, the store stage
/// commits each batch (its events, dead letters and the source's checkpoint, one transaction) into a small file of its
/// own instead of waiting, and moves those batches into the main file through a normal write session once the
/// checkpoint is done (<see cref="IWriteSession.TakeSideAsync"/> records, in that session, how far the move got; then
/// <see cref="Settle"/> clears the side file). A store whose commits never wait for a checkpoint has none.
/// <para>Exactly once: a batch is durable in one of the two files before its source is told it is stored; a move that
/// committed is never moved again (the main file says how far it got); after a crash the checkpoint reader gives the
/// side file's later positions and the store stage moves what it holds first.</para>
/// </summary>
public interface ISideFile
{
    /// <summary>True while a checkpoint of the main file runs in the background: batches go to the side file.</summary>
    bool Checkpointing { get; }

    /// <summary>
    /// After a commit into the main file, with no write session open: starts a checkpoint of the main file in the
    /// background when its WAL has grown past the store's threshold. True when one started.
    /// </summary>
    bool CheckpointIfDue();

    /// <summary>Waits for the background checkpoint, if one runs.</summary>
    Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Commits one batch into the side file (one transaction); returns its sequence.</summary>
    long Store(EventBatch batch, Checkpoint? checkpoint);

    /// <summary>What the side file holds that no main session has taken yet (a crash's leavings), oldest first.</summary>
    IReadOnlyList<SideEntry> Pending();

    /// <summary>Forgets every entry up to <paramref name="sequence"/> (after the main session that took them committed).</summary>
    void Settle(long sequence);

    /// <summary>Events held in the side file now (for /metrics).</summary>
    long EventsWaiting { get; }

    /// <summary>Background checkpoints run so far.</summary>
    int Checkpoints { get; }
}

/// <summary>One batch committed into the side file, with the checkpoint it reached.</summary>
public sealed record SideEntry(long Sequence, EventBatch Batch, Checkpoint? Checkpoint);
