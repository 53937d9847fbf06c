using System.Collections.Concurrent;

namespace NetWatch.Core.Urls;

/// <summary>
/// The normalised forms of a host as logged (ASCII, Unicode, public suffix, registered domain), cached by the raw
/// text: logs repeat a few thousand hosts millions of times, and IDN mapping and the PSL walk cost more than the
/// rest of the split. Bounded: cleared when it reaches <see cref="Capacity"/> hosts. Thread-safe.
/// </summary>
internal static class HostCache
{
    public sealed record Info(string Domain, string DomainUnicode, string? TopLevelDomain, string? RegisteredDomain);

    public const int Capacity = 50_000;

    private static readonly ConcurrentDictionary<string, Info?> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Info?>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _count;

    /// <summary>The host's forms, or null when the text is not a usable host.</summary>
    public static Info? Get(ReadOnlySpan<char> rawHost)
    {
        if (Lookup.TryGetValue(rawHost, out var info)) return info;
        info = Compute(rawHost);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Cache.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
        Lookup.TryAdd(rawHost, info);
        return info;
    }

    private static Info? Compute(ReadOnlySpan<char> rawHost)
    {
        var domain = HostName.ToAscii(rawHost);
        if (domain is null) return null;
        var (tld, registered) = PublicSuffixList.Default.Split(domain);
        return new Info(domain, HostName.ToUnicode(domain), tld, registered);
    }
}
