using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// A false positive the DSL recorded so that later matches raise nothing: a phrase on a site (<see cref="Phrase"/>
/// and <see cref="Site"/>, the site matching its subdomains), or a search term (<see cref="SearchTerm"/>, anywhere).
/// Reversible: a revoked suppression is kept, listed, and honoured no more.
/// </summary>
public sealed record Suppression
{
    public required string Id { get; init; }
    public string? School { get; init; }
    public string? Phrase { get; init; }
    public string? Site { get; init; }
    public string? SearchTerm { get; init; }
    public string? Reason { get; init; }
    public string? AlertId { get; init; }
    public required string CreatedBy { get; init; }
    public required Instant CreatedAt { get; init; }
    public string? RevokedBy { get; init; }
    public Instant? RevokedAt { get; init; }

    public bool Active => RevokedAt is null;

    /// <summary>Null when the suppression is well formed; else what is wrong.</summary>
    public string? Problem() => (Phrase, Site, SearchTerm) switch
    {
        (null, null, { Length: > 0 }) => null,
        ({ Length: > 0 }, { Length: > 0 }, null) => null,
        _ => "a suppression is a phrase on a site (phrase and site) or a search term (search_term), not both",
    };
}

/// <summary>The active suppressions, matched against a candidate match (pure).</summary>
public sealed class SuppressionSet(IEnumerable<Suppression> suppressions)
{
    public static readonly SuppressionSet None = new([]);

    private readonly List<Suppression> _active = suppressions.Where(s => s.Active).ToList();

    public int Count => _active.Count;

    /// <summary>The suppression that covers this match, or null.</summary>
    public Suppression? Covering(string school, string? matched, string? domain, string? searchTerms)
    {
        foreach (var s in _active)
        {
            if (s.School is not null && s.School != school) continue;
            if (s.SearchTerm is { } term && searchTerms is not null && Normalise(searchTerms) == Normalise(term)) return s;
            if (s.Phrase is { } phrase && s.Site is { } site && matched is not null && domain is not null
                && string.Equals(matched, phrase, StringComparison.OrdinalIgnoreCase) && OnSite(domain, site)) return s;
        }
        return null;
    }

    private static string Normalise(string text) => string.Join(' ', text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The domain is the site or one of its subdomains (on a label boundary: evilbbc.co.uk is not bbc.co.uk).</summary>
    internal static bool OnSite(string domain, string site)
    {
        domain = domain.TrimEnd('.').ToLowerInvariant();
        site = site.TrimEnd('.').ToLowerInvariant();
        return domain == site || domain.EndsWith("." + site, StringComparison.Ordinal);
    }
}
