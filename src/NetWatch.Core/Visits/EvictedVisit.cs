using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>
/// An open visit left out of memory under a budget (<see cref="VisitAggregator.Evict"/>), already stored as it stands:
/// its (person, domain) key as a 64-bit hash (<see cref="VisitKey"/>), its start and end, and, when its stored record
/// cannot rebuild them, its requests (each's start and whether it was personal, packed: the aggregator's own format).
/// </summary>
public readonly record struct EvictedVisit(long Key, Instant Start, Instant End, long[]? Requests);

/// <summary>A (person, domain) key as 64 bits, for the record of evicted visits (which must not hold the strings).</summary>
public static class VisitKey
{
    /// <summary>Two 32-bit string hashes (this process's, randomised: the record lives in memory only), mixed so that a Bloom
    /// filter's probes spread (splitmix64's finaliser).</summary>
    public static long Hash(string person, string domain)
    {
        var h = (ulong)(uint)person.GetHashCode() << 32 | (uint)domain.GetHashCode();
        h ^= h >> 30;
        h *= 0xbf58476d1ce4e5b9UL;
        h ^= h >> 27;
        h *= 0x94d049bb133111ebUL;
        h ^= h >> 31;
        return (long)h;
    }
}
