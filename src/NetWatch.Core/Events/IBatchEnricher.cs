namespace NetWatch.Core.Events;

/// <summary>
/// An enricher that does better with a whole batch than one event at a time (attribution overlaps its index
/// look-ups across the batch). The result must equal <see cref="IEventEnricher.Enrich"/> on each event in turn.
/// </summary>
public interface IBatchEnricher : IEventEnricher
{
    /// <summary>Replaces each event of <paramref name="events"/> with its enriched copy, in place.</summary>
    void EnrichBatch(Span<NetEvent> events);
}
