using NetWatch.Core.Caching;

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

    private static readonly ClearingCache<Info?> Cache = new(Capacity);

    /// <summary>The host's forms, or null when the text is not a usable host.</summary>
    public static Info? Get(ReadOnlySpan<char> rawHost)
    {
        if (Cache.TryGet(rawHost, out var info)) return info;
        info = Compute(rawHost);
        Cache.Add(rawHost, info);
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
