using NetWatch.Core.Events;

namespace NetWatch.Core.Sinks;

/// <summary>
/// Where batches end up (the embedded store, Elasticsearch, ...). One call per batch; a batch is
/// written whole or not at all. Returns how many of its events were new (not already stored).
/// </summary>
public interface IEventSink
{
    Task<int> WriteAsync(EventBatch batch, CancellationToken cancellationToken);
}
