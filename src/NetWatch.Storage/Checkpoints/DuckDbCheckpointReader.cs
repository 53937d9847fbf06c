using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Storage.Checkpoints;

/// <summary>
/// The committed checkpoints; for a source that has none yet but a row in the older source_positions table
/// (written by EventStore.Write with a SourcePosition), that row, as a checkpoint of kind
/// <see cref="SourcePositionText.Kind"/>, so a store written before checkpoints is read and resumed alike.
/// </summary>
internal sealed class DuckDbCheckpointReader(Func<DuckDBConnection> connect) : ICheckpointReader
{
    public Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = connect();
        var checkpoints = CheckpointTable.ReadAll(connection);
        foreach (var (source, legacy) in EventStore.ReadPositions(connection))
            checkpoints.TryAdd(source, new StoredCheckpoint(
                new Checkpoint(source, SourcePositionText.Kind, SourcePositionText.Write(legacy.Position)),
                new CheckpointTotals(legacy.LinesRead, legacy.EventsStored, legacy.Duplicates, legacy.DeadLetters),
                legacy.UpdatedAt));
        return Task.FromResult<IReadOnlyDictionary<string, StoredCheckpoint>>(
            checkpoints.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal));
    }
}
