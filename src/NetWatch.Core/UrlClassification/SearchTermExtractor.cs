using NetWatch.Core.Events;

namespace NetWatch.Core.UrlClassification;

/// <summary>netwatch.search.engine and netwatch.search.terms: what a person typed into a search engine.</summary>
public sealed class SearchTermExtractor(SearchEngineCatalog catalog)
{
    public static SearchTermExtractor Default { get; } = new(SearchEngineCatalog.Default);

    /// <summary>The engine's name and the decoded terms, or null when the URL is not a search with terms.</summary>
    public (string Engine, string Terms)? Extract(UrlParts url)
    {
        if (url.Domain is null || url.Scheme is null) return null;
        // Spans of url.original (UrlParts): the strings are made only for an engine's path patterns.
        var path = url.HasPath() ? url.PathSpan() : "/";
        foreach (var entry in catalog.For(url))
        {
            if (entry.PathPrefix.Length > 0 && !path.StartsWith(entry.PathPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var name in entry.Params)
                if (QueryValue(url.QuerySpan(), name) is { IsEmpty: false } raw && Clean(PercentDecoding.Decode(raw)) is { } terms)
                    return (entry.Engine, terms);
            foreach (var pattern in entry.PathPatterns)
            {
                try
                {
                    var m = pattern.Match(url.HasQuery() ? string.Concat(path, "?", url.QuerySpan()) : path.ToString());
                    if (m.Success && m.Groups.Count > 1 && Clean(PercentDecoding.Decode(m.Groups[1].Value)) is { } terms)
                        return (entry.Engine, terms);
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException) { }
            }
        }
        return null;
    }

    /// <summary>
    /// Whether <see cref="Extract"/> may find terms in a URL of this host (<see cref="UrlParts.Domain"/>,
    /// <see cref="UrlParts.TopLevelDomain"/>) with this path and query (as
    /// <see cref="Urls.UrlTail.Split"/> gives them): false means it gives null. False when no engine of the host has
    /// its path prefix, or those that have take no path patterns and none of their parameters has a value; a value
    /// (even blank once decoded) or a path pattern leaves the question to <see cref="Extract"/>. Allocates nothing.
    /// </summary>
    internal bool MayHaveTerms(string domain, string? topLevelDomain, ReadOnlySpan<char> path, ReadOnlySpan<char> query)
    {
        foreach (var entry in catalog.For(domain, topLevelDomain))
        {
            if (entry.PathPrefix.Length > 0 && !path.StartsWith(entry.PathPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            if (entry.PathPatterns.Count > 0) return true;
            for (var i = 0; i < entry.Params.Count; i++)   // not foreach: an interface's enumerator is an allocation
                if (!QueryValue(query, entry.Params[i]).IsEmpty) return true;
        }
        return false;
    }

    /// <summary>The raw (still encoded) value of the first non-empty query parameter with this name.</summary>
    public static string? QueryValue(string? query, string name)
    {
        if (string.IsNullOrEmpty(query)) return null;
        var value = QueryValue(query.AsSpan(), name);
        return value.IsEmpty ? null : value.ToString();
    }

    /// <summary><see cref="QueryValue(string?, string)"/> over a span: empty when there is none.</summary>
    private static ReadOnlySpan<char> QueryValue(ReadOnlySpan<char> q, string name)
    {
        while (!q.IsEmpty)
        {
            var amp = q.IndexOf('&');
            var pair = amp < 0 ? q : q[..amp];
            q = amp < 0 ? default : q[(amp + 1)..];
            var eq = pair.IndexOf('=');
            if (eq < 0) continue;
            if (pair[..eq].Equals(name, StringComparison.OrdinalIgnoreCase) && eq + 1 < pair.Length)
                return pair[(eq + 1)..];
        }
        return default;
    }

    /// <summary>The terms with runs of white space made one space and none at either end; null when nothing is left.
    /// Most terms are that already: then they are returned as they are, not split and joined again.</summary>
    internal static string? Clean(string terms)
    {
        if (IsClean(terms)) return terms.Length == 0 ? null : terms;
        var t = string.Join(' ', terms.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return t.Length == 0 ? null : t;
    }

    private static bool IsClean(string terms)
    {
        for (var i = 0; i < terms.Length; i++)
        {
            if (!char.IsWhiteSpace(terms[i])) continue;
            // Only single spaces between words: any other white space, or a space at an end or after another, is not.
            if (terms[i] != ' ' || i == 0 || i == terms.Length - 1 || terms[i - 1] == ' ') return false;
        }
        return true;
    }
}
