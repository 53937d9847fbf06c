namespace NetWatch.Core.Visits;

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
