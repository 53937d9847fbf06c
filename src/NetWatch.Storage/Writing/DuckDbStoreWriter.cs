using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NodaTime;

namespace NetWatch.Storage.Writing;

/// <summary>Hands out write sessions over the store's writer connection, one at a time.</summary>
internal sealed class DuckDbStoreWriter(DuckDBConnection connection, IClock clock, RowGroupCheckpoints? checkpoints) : IStoreWriter
{
    private readonly EventBatchWriter _batches = new(connection);
    private DuckDbWriteSession? _open;

    public IWriteSession Begin()
    {
        lock (this)
        {
            if (_open is { IsOpen: true })
                throw new InvalidOperationException("a write session is already open on this store: commit or dispose it first");
            return _open = new DuckDbWriteSession(connection, _batches, clock, checkpoints);
        }
    }
}
