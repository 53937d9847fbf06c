using NetWatch.Core.Events;

namespace NetWatch.Core.Policy.Engine;

/// <summary>
/// All allow-lists of a policy, indexed by the length of their domains. A host is checked by walking its
/// suffixes at label boundaries ("com", "google.com", "docs.google.com"); only a suffix whose length some listed
/// domain has is compared, so most hosts cost a few vectorised searches for '.'. url.domain is lower-case ASCII
/// (see UrlParts); listed domains are lower-cased when parsed.
/// </summary>
internal sealed class AllowListIndex
{
    readonly (int List, AllowEntry Entry)[]?[] _byLength;
    readonly List<(int List, AllowEntry Entry)> _all = [];
    public readonly IReadOnlyList<string> Names;

    public AllowListIndex(IReadOnlyDictionary<string, AllowList> lists)
    {
        Names = lists.Keys.ToList();
        if (Names.Count > 32) throw new ArgumentException("at most 32 allow-lists");
        for (var i = 0; i < Names.Count; i++)
            foreach (var e in lists[Names[i]].Entries) _all.Add((i, e));
        var longest = _all.Count == 0 ? 0 : _all.Max(x => x.Entry.Domain.Length);
        _byLength = new (int, AllowEntry)[]?[longest + 1];
        foreach (var g in _all.GroupBy(x => x.Entry.Domain.Length)) _byLength[g.Key] = g.ToArray();
    }

    public uint Match(string? host, string? path) => Match(host, path, path is not null);

    /// <summary>As <see cref="Match(string?, string?)"/> for a URL's parts: url.path read as a view of url.original (no string made).</summary>
    public uint Match(UrlParts url) => Match(url.Domain, url.PathSpan(), url.HasPath());

    private uint Match(string? host, ReadOnlySpan<char> path, bool hasPath)
    {
        if (string.IsNullOrEmpty(host) || _all.Count == 0) return 0;
        uint mask = 0;
        var span = host.AsSpan();
        var end = span.Length;
        while (true)
        {
            var dot = span[..end].LastIndexOf('.');
            var start = dot + 1;
            var length = span.Length - start;
            if (length < _byLength.Length && _byLength[length] is { } candidates)
                foreach (var (list, entry) in candidates)
                    if (span[start..].SequenceEqual(entry.Domain) && entry.PathMatches(path, hasPath)) mask |= 1u << list;
            if (dot < 0) break;
            end = dot;
        }
        return mask;
    }

    public IEnumerable<(string List, AllowEntry Entry)> Explain(string? host, string? path)
    {
        if (string.IsNullOrEmpty(host)) yield break;
        foreach (var (list, entry) in _all)
            if (entry.Matches(host, path)) yield return (Names[list], entry);
    }
}
