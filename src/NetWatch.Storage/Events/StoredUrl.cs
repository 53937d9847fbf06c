using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Storage.Events;

/// <summary>
/// How the events table keeps the url.* parts that nearly always repeat others: url_domain_unicode is NULL where it
/// equals url_domain (every ASCII host), and url_path and url_query are both NULL where they are what
/// <see cref="UrlTail"/> finds in url_original (every URL the parser split). DuckDB hashes, analyses and compresses
/// each string it is given (~0.5 s CPU and ~14 MB per million enriched events for these three, copied alone), where a
/// NULL costs it a validity bit; on the .NET side the check (~40 ns a row) costs less than encoding the strings did
/// (~50 ns). bench/results/narrow-2026-12-04-session19.txt. No SQL reads these three columns: the documents, exports
/// and API get them through <see cref="EventRowReader"/>, which puts the values back.
/// </summary>
/// <remarks>
/// <para>A NULL then no longer says "none", so a value that is none where the rule would derive one is stored as
/// <see cref="NullMarker"/>, and a value that begins with <see cref="Escape"/> gains one more: U+FFFF is a
/// noncharacter, which no host name holds and which only a hand-made query could begin with. The marker is needed only
/// for url.domain_unicode none while url.domain is set, and url.path and url.query none in a URL with a scheme and
/// "://"; the parser makes neither.</para>
/// <para>A store written before this holds every value and reads back the same, as the parser makes events: its
/// url_path is never NULL where url_scheme is set (the parser gives a path to every URL it gives a scheme), its
/// url_domain_unicode never NULL where url_domain is set nor beginning with U+FFFF (no host name does), and a
/// url_query is decoded only where url_path is NULL, where the parser leaves the query none too.</para>
/// </remarks>
internal static class StoredUrl
{
    public const char Escape = '\uFFFF';
    public const string NullMarker = "\uFFFF";

    /// <summary>url_domain_unicode's value: NULL when it equals url.domain.</summary>
    public static string? DomainUnicodeColumn(UrlParts url) =>
        string.Equals(url.DomainUnicode, url.Domain, StringComparison.Ordinal) ? null : Encode(url.DomainUnicode);

    /// <summary>url.domain_unicode from its column and url.domain.</summary>
    public static string? DomainUnicode(string? stored, string? domain) => stored is null ? domain : Decode(stored);

    /// <summary>url_path and url_query are both NULL: the reader finds them in url.original.</summary>
    public static bool PathAndQueryDerived(UrlParts url) =>
        // UrlParts keeps them derived exactly where a path is set and UrlTail finds both in url.original (an empty
        // query being none, so a query that is "" is kept): this rule with a scheme.
        url.Scheme is not null && url.IsTailInOriginal();

    /// <summary>Whether url_path or url_query holds a value (neither is derived, and one is not NULL).</summary>
    public static bool PathOrQueryStored(UrlParts url) =>
        !PathAndQueryDerived(url) && (url.Path is not null || QueryColumn(url) is not null);

    /// <summary>
    /// url_query's value when not derived: as it is where url.path is set; where url.path is none, encoded, and the
    /// marker when both are none and the reader would derive them.
    /// </summary>
    public static string? QueryColumn(UrlParts url)
    {
        if (url.Path is not null) return url.Query;
        if (url.Query is not null) return Encode(url.Query);
        return url.Scheme is not null && UrlTail.TryFind(url.Original, out _, out _) ? NullMarker : null;
    }

    /// <summary>url.path and url.query from their columns, url.original and url.scheme.</summary>
    public static (string? Path, string? Query) PathAndQuery(string? storedPath, string? storedQuery, string original, string? scheme)
    {
        if (storedPath is not null) return (storedPath, storedQuery);
        if (storedQuery is not null) return (null, Decode(storedQuery));
        if (scheme is null || !UrlTail.TryFind(original, out var path, out var query)) return (null, null);
        return UrlTail.Text(path, query);
    }

    private static string? Encode(string? value) =>
        value is null ? NullMarker : value.Length > 0 && value[0] == Escape ? Escape + value : value;

    private static string? Decode(string stored) =>
        stored == NullMarker ? null : stored.Length > 0 && stored[0] == Escape ? stored[1..] : stored;
}
