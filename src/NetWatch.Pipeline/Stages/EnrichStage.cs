using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Stages;

/// <summary>Applies the enrichers (attribution, classification, policy, ...) in order to every event of a batch.</summary>
public sealed class EnrichStage(IReadOnlyList<IEventEnricher> enrichers)
{
    public bool IsEmpty => enrichers.Count == 0;

    public EventBatch Enrich(EventBatch batch)
    {
        if (enrichers.Count == 0) return batch;
        var events = new NetEvent[batch.Events.Count];
        for (var i = 0; i < events.Length; i++)
        {
            var e = batch.Events[i];
            foreach (var enricher in enrichers) e = enricher.Enrich(e);
            events[i] = e;
        }
        return batch with { Events = events };
    }
}
