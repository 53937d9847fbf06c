namespace NetWatch.Core.Policy;

/// <summary>
/// A named list of sites, e.g. educational video. An entry "example.com" matches that host and every subdomain;
/// "example.com/path" also requires the URL path to start with "/path".
/// </summary>
public sealed record AllowList(string Name, IReadOnlyList<AllowEntry> Entries, int Line)
{
    public AllowEntry? Match(string? host, string? path)
    {
        if (string.IsNullOrEmpty(host)) return null;
        foreach (var e in Entries)
            if (e.Matches(host, path)) return e;
        return null;
    }
}

public sealed record AllowEntry(string Domain, string? PathPrefix)
{
    public static AllowEntry Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var slash = t.IndexOf('/');
        return slash < 0 ? new AllowEntry(t.TrimEnd('.'), null) : new AllowEntry(t[..slash].TrimEnd('.'), t[slash..]);
    }

    public bool Matches(string host, string? path)
    {
        var hostOk = host.Length == Domain.Length
            ? host.Equals(Domain, StringComparison.OrdinalIgnoreCase)
            : host.Length > Domain.Length && host[^(Domain.Length + 1)] == '.'
              && host.EndsWith(Domain, StringComparison.OrdinalIgnoreCase);
        return hostOk && PathMatches(path);
    }

    public bool PathMatches(string? path) => PathMatches(path, path is not null);

    /// <summary>As <see cref="PathMatches(string?)"/>, with the path's text in a span (<paramref name="hasPath"/> false: none).</summary>
    public bool PathMatches(ReadOnlySpan<char> path, bool hasPath)
    {
        if (PathPrefix is null) return true;
        if (!hasPath || !path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        // boundary: "/bitesize" matches "/bitesize" and "/bitesize/..." but not "/bitesizeXYZ"
        return path.Length == PathPrefix.Length || PathPrefix.EndsWith('/') || path[PathPrefix.Length] is '/' or '?';
    }

    public override string ToString() => Domain + PathPrefix;
}
