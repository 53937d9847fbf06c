using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// Applies the enrichers (attribution, classification, policy, ...) in order to every event of a batch: each
/// enricher to the whole batch before the next, so that a batch enricher (<see cref="IBatchEnricher"/>) gets it whole.
/// </summary>
public sealed class EnrichStage(IReadOnlyList<IEventEnricher> enrichers)
{
    /// <summary>The batch source of the events enrichers emit at the end (findings).</summary>
    public const string FlushSource = "netwatch.findings";

    public bool IsEmpty => enrichers.Count == 0;

    public bool HasFlush => enrichers.OfType<IFlushingEnricher>().Any();

    /// <summary>The events the enrichers emit once every batch has passed, as one batch (none when they have none).</summary>
    public IEnumerable<EventBatch> Flush()
    {
        var events = enrichers.OfType<IFlushingEnricher>().SelectMany(f => f.Flush()).ToList();
        if (events.Count > 0) yield return new EventBatch(FlushSource, events, [], 0, 0);
    }

    public EventBatch Enrich(EventBatch batch)
    {
        if (enrichers.Count == 0) return batch;
        var events = batch.Events.ToArray();
        foreach (var enricher in enrichers)
        {
            if (enricher is IBatchEnricher whole) whole.EnrichBatch(events);
            else
                for (var i = 0; i < events.Length; i++) events[i] = enricher.Enrich(events[i]);
        }
        return batch with { Events = events };
    }
}
