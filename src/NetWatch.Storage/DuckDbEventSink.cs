using NetWatch.Core.Events;
using NetWatch.Core.Sinks;

namespace NetWatch.Storage;

/// <summary>The embedded store as a pipeline sink: each batch in one DuckDB transaction.</summary>
public sealed class DuckDbEventSink(EventStore store) : IEventSink
{
    public Task<int> WriteAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.ReplaceStored)
            return batch.DeadLetters.Count == 0 && batch.Position is null
                ? Task.FromResult(store.Replace(batch.Events))
                : throw new ArgumentException("a batch that replaces stored events carries only events", nameof(batch));
        return Task.FromResult(batch.Position is { } position
            ? store.Write(batch.Events, batch.DeadLetters, position, batch.LinesRead)
            : store.Write(batch.Events, batch.DeadLetters));
    }
}
