using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// An open visit left out of memory under a budget (<see cref="VisitAggregator.Evict"/>), already stored as it stands:
/// its (person, domain) key as a 64-bit hash (<see cref="VisitKey"/>), its start and end, and, when its stored record
/// cannot rebuild them, its requests (each's start and whether it was personal, packed: the aggregator's own format).
/// </summary>
public readonly record struct EvictedVisit(long Key, Instant Start, Instant End, long[]? Requests);
