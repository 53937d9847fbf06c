using NetWatch.Core.Events;
using NetWatch.Core.Sinks;

namespace NetWatch.Storage;

/// <summary>The embedded store as a pipeline sink: each batch in one DuckDB transaction.</summary>
public sealed class DuckDbEventSink(EventStore store) : IEventSink
{
    public Task<int> WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(store.Write(batch.Events, batch.DeadLetters));
    }
}
