namespace NetWatch.Storage.Contracts.Checkpoints;

/// <summary>The committed checkpoints (written through <see cref="Writing.IWriteSession.SaveCheckpointAsync"/>), by source name.</summary>
public interface ICheckpointReader
{
    Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken);
}
