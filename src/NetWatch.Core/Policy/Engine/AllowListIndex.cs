namespace NetWatch.Core.Policy;

/// <summary>All allow-lists of a policy, indexed by host so a URL is checked by walking its host's suffixes.</summary>
internal sealed class AllowListIndex
{
    readonly Dictionary<string, List<(int List, AllowEntry Entry)>> _byDomain = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, List<(int List, AllowEntry Entry)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    public readonly IReadOnlyList<string> Names;

    public AllowListIndex(IReadOnlyDictionary<string, AllowList> lists)
    {
        Names = lists.Keys.ToList();
        if (Names.Count > 32) throw new ArgumentException("at most 32 allow-lists");
        for (var i = 0; i < Names.Count; i++)
            foreach (var e in lists[Names[i]].Entries)
            {
                if (!_byDomain.TryGetValue(e.Domain, out var l)) _byDomain[e.Domain] = l = [];
                l.Add((i, e));
            }
        _lookup = _byDomain.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public uint Match(string? host, string? path)
    {
        if (string.IsNullOrEmpty(host) || _byDomain.Count == 0) return 0;
        uint mask = 0;
        var h = host.AsSpan();
        while (true)
        {
            if (_lookup.TryGetValue(h, out var entries))
                foreach (var (list, entry) in entries)
                    if (entry.Matches(host, path)) mask |= 1u << list;
            var dot = h.IndexOf('.');
            if (dot < 0) break;
            h = h[(dot + 1)..];
        }
        return mask;
    }

    public IEnumerable<(string List, AllowEntry Entry)> Explain(string? host, string? path)
    {
        if (string.IsNullOrEmpty(host)) yield break;
        foreach (var (domain, entries) in _byDomain)
            foreach (var (list, entry) in entries)
                if (entry.Matches(host, path)) yield return (Names[list], entry);
    }
}
