namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// Returns one shared string instance for values that repeat on almost every line (methods, result codes,
/// hierarchy codes, MIME types, e2guardian flags and categories), so parsing them allocates nothing.
/// Anything not in the table is allocated as usual.
/// </summary>
internal static class KnownStrings
{
    internal static readonly string[] Values =
    [
        "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "CONNECT", "PATCH", "TRACE",
        "TCP_MISS", "TCP_HIT", "TCP_MEM_HIT", "TCP_DENIED", "TCP_TUNNEL", "TCP_REFRESH_MODIFIED",
        "TCP_REFRESH_UNMODIFIED", "TCP_REFRESH_FAIL_OLD", "TCP_REFRESH_FAIL_ERR", "TCP_IMS_HIT", "TCP_INM_HIT",
        "TCP_NEGATIVE_HIT", "TCP_OFFLINE_HIT", "TCP_SWAPFAIL_MISS", "TCP_MISS_ABORTED", "TCP_HIT_ABORTED",
        "TCP_TUNNEL_ABORTED", "TCP_DENIED_REPLY", "TCP_REDIRECT", "NONE", "NONE_NONE", "NONE_NONE_ABORTED",
        "HIER_NONE", "HIER_DIRECT", "DEFAULT_PARENT", "FIRSTUP_PARENT", "PARENT_HIT", "SIBLING_HIT",
        "ORIGINAL_DST", "ANY_OLD_PARENT", "ROUNDROBIN_PARENT", "CARP", "CLOSEST_PARENT",
        "text/html", "text/css", "text/plain", "text/javascript", "text/xml", "application/javascript",
        "application/json", "application/octet-stream", "application/xml", "application/zip",
        "application/x-msdownload", "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml",
        "image/x-icon", "video/mp4", "font/woff2",
        "1.0", "1.1", "2.0", "127.0.0.1", "::1",
        "DENIED", "TRUSTED", "EXCEPTION", "SCANNED", "CONTENTMOD", "URLMOD", "HEADERMOD", "BYPASS",
        "pupils", "staff", "Gambling", "Social Networking", "Adult", "Drugs and Tobacco", "Chat",
        "Proxy Avoidance", "Games", "Safeguarding search terms", "0", "500",
    ];

    // A small open-addressed table keyed by a cheap hash of length and three characters: one or two span
    // comparisons per lookup. (A FrozenDictionary span lookup measured ~4x slower on this hot path.)
    private const int TableSize = 512;
    private const int MaxProbe = 8;
    private static readonly string?[] Table = Build();

    public static string Get(ReadOnlySpan<char> value) => Find(value) ?? value.ToString();

    /// <summary>The table's string, else <paramref name="others"/>' (a value that repeats but is not listed here).</summary>
    public static string Get(ReadOnlySpan<char> value, RepeatedStrings others) => Find(value) ?? others.Get(value);

    private static string? Find(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        var slot = Slot(value);
        for (var i = 0; i < MaxProbe; i++)
        {
            var known = Table[(slot + i) & (TableSize - 1)];
            if (known is null) break;
            if (value.SequenceEqual(known)) return known;
        }
        return null;
    }

    private static int Slot(ReadOnlySpan<char> s) => (s.Length * 31 + s[0] * 7 + s[^1] * 13 + s[s.Length / 2] * 3) & (TableSize - 1);

    private static string?[] Build()
    {
        var table = new string?[TableSize];
        foreach (var v in Values)
        {
            var slot = Slot(v);
            var i = 0;
            while (table[(slot + i) & (TableSize - 1)] is not null) i++;
            // A value that does not fit within MaxProbe slots is simply never interned (still correct, just allocated).
            if (i < MaxProbe) table[(slot + i) & (TableSize - 1)] = v;
        }
        return table;
    }

    /// <summary>Null for a "-" or empty field, otherwise the value.</summary>
    public static string? OrNull(ReadOnlySpan<char> value) =>
        value.IsEmpty || value is "-" ? null : Get(value);

    /// <summary>Null for a "-" or empty field, otherwise <see cref="Get(ReadOnlySpan{char}, RepeatedStrings)"/>.</summary>
    public static string? OrNull(ReadOnlySpan<char> value, RepeatedStrings others) =>
        value.IsEmpty || value is "-" ? null : Get(value, others);
}
