using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Storage.Checkpoints;

/// <summary>
/// The committed checkpoints, by source (a store written before checkpoints has had its positions moved into them
/// on opening: <see cref="LegacyPositionMigration"/>).
/// </summary>
internal sealed class DuckDbCheckpointReader(Func<DuckDBConnection> connect) : ICheckpointReader
{
    public Task<IReadOnlyDictionary<string, StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var connection = connect();
        return Task.FromResult<IReadOnlyDictionary<string, StoredCheckpoint>>(CheckpointTable.ReadAll(connection));
    }
}
