namespace NetWatch.Core.Events;

/// <summary>
/// An enricher that can set its fields on the events themselves instead of replacing each with an enriched copy
/// (<c>e with { ... }</c>). A copy of a NetEvent is ~0.4 KB, and in the pipeline every copy outlives a gen0 collection
/// (the batch waits for the store), so three stages' copies were most of an import's allocation and GC work.
/// Only for events nobody else holds: the pipeline's, between the parser that made them and the store.
/// </summary>
public interface IInPlaceEnricher : IEventEnricher
{
    /// <summary>Sets this stage's fields on each event of <paramref name="events"/>, which the caller owns: each event
    /// ends equal to what <see cref="IEventEnricher.Enrich"/> would have returned for it (batch enrichers: as their
    /// <see cref="IBatchEnricher.EnrichBatch"/> would).</summary>
    void EnrichInPlace(Span<NetEvent> events);
}
