namespace NetWatch.Core.Urls;

/// <summary>
/// The Public Suffix List algorithm (https://publicsuffix.org/list/): rules, wildcards (<c>*.ck</c>) and
/// exceptions (<c>!www.ck</c>); an exception rule prevails over all others, otherwise the matching rule with the
/// most labels, otherwise the implicit rule <c>*</c> (the last label). ICANN and private rules are used alike.
/// Rules are kept in punycode so they compare with <see cref="UrlParts.Domain"/>.
/// </summary>
public sealed class PublicSuffixList
{
    [Flags]
    private enum Rule : byte { None = 0, Normal = 1, Wildcard = 2, Exception = 4 }

    private readonly Dictionary<string, Rule> _rules;
    private readonly Dictionary<string, Rule>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private static readonly Lazy<PublicSuffixList> DefaultList =
        new(() => Parse(EmbeddedText.Read("NetWatch.Core.publicsuffix.rules.txt").Split('\n'), "publicsuffix/rules.txt"));

    /// <summary>The list shipped in data/publicsuffix (MPL-2.0), embedded in this assembly.</summary>
    public static PublicSuffixList Default => DefaultList.Value;

    private PublicSuffixList(Dictionary<string, Rule> rules)
    {
        _rules = rules;
        _lookup = rules.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int RuleCount => _rules.Count;

    /// <summary>Parses rules in the list's syntax; comments (<c>//</c>) and blank lines are skipped.</summary>
    /// <exception cref="FormatException">a rule that is not a host name, with its source and line.</exception>
    public static PublicSuffixList Parse(IEnumerable<string> lines, string sourceName)
    {
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.AsSpan().Trim();
            var space = line.IndexOfAny(' ', '\t');
            if (space >= 0) line = line[..space];
            if (line.IsEmpty || line.StartsWith("//")) continue;
            var kind = Rule.Normal;
            if (line[0] == '!') { kind = Rule.Exception; line = line[1..]; }
            else if (line.StartsWith("*.")) { kind = Rule.Wildcard; line = line[2..]; }
            var host = HostName.ToAscii(line);
            if (host is null || line.Contains('*'))
                throw new FormatException($"{sourceName}:{lineNumber}: '{raw.Trim()}' is not a public suffix rule");
            rules[host] = rules.GetValueOrDefault(host) | kind;
        }
        return new PublicSuffixList(rules);
    }

    /// <summary>
    /// The public suffix (url.top_level_domain) of a normalised host, as a range of it, and the registered
    /// domain (url.registered_domain: suffix plus one label; empty when the host is itself a public suffix).
    /// </summary>
    public (string? TopLevelDomain, string? RegisteredDomain) Split(string host)
    {
        if (string.IsNullOrEmpty(host) || HostName.IsIpLiteral(host)) return (null, null);
        var suffixStart = PublicSuffixStart(host);
        if (suffixStart < 0) return (null, null);
        var tld = host[suffixStart..];
        if (suffixStart == 0) return (tld, null);
        var prev = host.LastIndexOf('.', suffixStart - 2);
        return (tld, host[(prev + 1)..]);
    }

    /// <summary>Index in <paramref name="host"/> where its public suffix starts; -1 for a malformed host.</summary>
    public int PublicSuffixStart(ReadOnlySpan<char> host)
    {
        if (host.IsEmpty || host[0] == '.' || host[^1] == '.') return -1;
        // Label starts, left to right: suffix i is host[starts[i]..].
        Span<int> starts = stackalloc int[128];
        var count = 0;
        starts[count++] = 0;
        for (var i = 0; i < host.Length; i++)
        {
            if (host[i] != '.') continue;
            if (i + 1 < host.Length && host[i + 1] == '.') return -1;
            if (count == starts.Length) return -1;
            starts[count++] = i + 1;
        }

        for (var i = 0; i < count; i++)
            if ((Flags(host[starts[i]..]) & Rule.Exception) != 0)
                return i + 1 < count ? starts[i + 1] : starts[i];

        for (var i = 0; i < count; i++)
        {
            var suffix = host[starts[i]..];
            if ((Flags(suffix) & Rule.Normal) != 0) return starts[i];
            if (i + 1 < count && (Flags(host[starts[i + 1]..]) & Rule.Wildcard) != 0) return starts[i];
        }
        return starts[count - 1];
    }

    private Rule Flags(ReadOnlySpan<char> suffix) => _lookup.TryGetValue(suffix, out var r) ? r : Rule.None;
}
