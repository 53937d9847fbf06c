using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NodaTime;

namespace NetWatch.Storage.Writing;

/// <summary>
/// Hands out write sessions over the store's writer connection, one at a time. <paramref name="rollupsAtClose"/>: the
/// sessions leave the roll-ups owed (<see cref="RollupPending"/>) for the store to count at its close (an import).
/// </summary>
internal sealed class DuckDbStoreWriter(DuckDBConnection connection, IClock clock, RowGroupCheckpoints? checkpoints, bool rollupsAtClose,
    bool wholeRowGroups = false) : IStoreWriter
{
    private readonly EventBatchWriter _batches = new(connection, wholeRowGroups);
    private readonly RollupWriter _rollups = new();
    private DuckDbWriteSession? _open;

    /// <summary>The events held back from the table until they fill a row group (<paramref name="wholeRowGroups"/>), if any.</summary>
    internal WholeRowGroups? Whole => _batches.Whole;

    public IWriteSession Begin()
    {
        lock (this)
        {
            if (_open is { IsOpen: true })
                throw new InvalidOperationException("a write session is already open on this store: commit or dispose it first");
            return _open = new DuckDbWriteSession(connection, _batches, _rollups, clock, checkpoints, rollupsAtClose);
        }
    }
}
