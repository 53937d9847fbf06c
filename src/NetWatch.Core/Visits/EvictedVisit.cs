namespace NetWatch.Core.Visits;

/// <summary>
/// An open visit left out of memory under a budget (<see cref="VisitAggregator.Evict"/>), already stored as it stands:
/// its record as the store holds it (<see cref="Visit"/>, read back the same from the spill file: the Pipeline's VisitSpillRecord),
/// and, when that record cannot rebuild them, its requests (each's start and whether it was personal, packed: the
/// aggregator's own format).
/// </summary>
public readonly record struct EvictedVisit(Visit Visit, long[]? Requests)
{
    /// <summary>Its (person, domain) key as a 64-bit hash (<see cref="VisitKey"/>).</summary>
    public long Key => VisitKey.Hash(Visit.Person, Visit.Domain);
}
