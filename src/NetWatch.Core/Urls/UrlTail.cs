namespace NetWatch.Core.Urls;

/// <summary>
/// The path and query of an absolute URL ("scheme://authority/path?query#fragment") as <see cref="UrlNormalizer"/>
/// gives them: the store keeps url.path and url.query only where they differ from what this finds in url.original
/// (NetWatch.Storage's StoredUrl), so this split is the normaliser's own and the two cannot drift apart.
/// </summary>
public static class UrlTail
{
    /// <summary>
    /// Splits what follows "://": the authority runs to the first '/', '?' or '#'; a fragment is dropped; the path is
    /// "/" when empty; the query (without its '?') is empty when there is none.
    /// </summary>
    public static void Split(ReadOnlySpan<char> rest, out ReadOnlySpan<char> authority, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        var authorityEnd = rest.IndexOfAny('/', '?', '#');
        authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? ReadOnlySpan<char>.Empty : rest[authorityEnd..];
        var hash = tail.IndexOf('#');
        if (hash >= 0) tail = tail[..hash];
        var q = tail.IndexOf('?');
        path = q < 0 ? tail : tail[..q];
        query = q < 0 ? ReadOnlySpan<char>.Empty : tail[(q + 1)..];
        if (path.IsEmpty) path = "/";
    }

    /// <summary>url.path and url.query as the normaliser keeps them: the common "/" shared, an empty query none.</summary>
    public static (string Path, string? Query) Text(ReadOnlySpan<char> path, ReadOnlySpan<char> query) =>
        (path is "/" ? "/" : path.ToString(), query.IsEmpty ? null : query.ToString());

    /// <summary>
    /// The path and query <see cref="UrlNormalizer.Parse"/> gives <paramref name="original"/> when it finds a scheme
    /// there (false when the text has no "://" after at least one character). An empty query is no query.
    /// </summary>
    public static bool TryFind(string original, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        var s = original.AsSpan().Trim();
        var sep = s.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0)
        {
            path = query = default;
            return false;
        }
        Split(s[(sep + 3)..], out _, out path, out query);
        return true;
    }
}
