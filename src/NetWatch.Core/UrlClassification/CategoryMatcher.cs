using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The categories of one list set, matched the squidGuard way but on boundaries:
/// <list type="bullet">
/// <item>a <c>domains</c> entry matches that host and its subdomains on label boundaries only
/// (<c>facebook.com</c> matches <c>m.facebook.com</c>, not <c>facebook.com.evil.example</c> nor
/// <c>notfacebook.com</c>); IP literals match exactly; <c>www.x</c> also matches the bare <c>x</c>;</item>
/// <item>a <c>urls</c> entry (host/path[?query]) matches the host as a domain entry does (a leading www. of the entry
/// is dropped) and the lower-cased path+query(+#fragment) as a prefix ending on a boundary: end, '/', '?', '&amp;', ';' or '#';</item>
/// <item><c>expressions</c> are case-insensitive regular expressions over the URL as logged.</item>
/// </list>
/// Hosts are compared normalised (<see cref="UrlParts.Domain"/>: lower case, punycode, no trailing dot), so port,
/// case, trailing dot and IDN spelling do not change the result. Immutable and thread-safe.
/// </summary>
public sealed class CategoryMatcher
{
    private readonly int[][] _sets;
    private readonly FingerprintTable _domains;
    private readonly FingerprintTable _urls;
    private readonly ByteBlob _blob;
    private readonly HashSet<ulong> _urlHostKeys;
    private readonly int _maxUrlRestLength;
    private readonly CategoryExpression[] _expressions;

    internal CategoryMatcher(string name, string[] categories, int[][] sets, FingerprintTable domains, FingerprintTable urls,
        ByteBlob blob, HashSet<ulong> urlHostKeys, int maxUrlRestLength, CategoryExpression[] expressions)
    {
        Name = name;
        Categories = categories;
        _sets = sets;
        _domains = domains;
        _urls = urls;
        _blob = blob;
        _urlHostKeys = urlHostKeys;
        _maxUrlRestLength = maxUrlRestLength;
        _expressions = expressions;
    }

    /// <summary>The list set's name (e.g. its folder name).</summary>
    public string Name { get; }

    /// <summary>Category names, in ordinal order; <see cref="Collect"/> reports indexes into this list.</summary>
    public IReadOnlyList<string> Categories { get; }

    public int DomainEntryCount => _domains.Count;
    public int UrlEntryCount => _urls.Count;
    public int ExpressionCategoryCount => _expressions.Length;

    /// <summary>Approximate bytes held by the tables and entry texts.</summary>
    public long MemoryBytes => _domains.MemoryBytes + _urls.MemoryBytes + _blob.AllocatedBytes;

    /// <summary>The category names of a URL, in ordinal order, without duplicates.</summary>
    public IReadOnlyList<string> Match(UrlParts url)
    {
        var ids = new List<int>();
        Collect(url, ids);
        if (ids.Count == 0) return [];
        ids.Sort();
        var names = new List<string>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
            if (i == 0 || ids[i] != ids[i - 1]) names.Add(Categories[ids[i]]);
        return names;
    }

    /// <summary>Adds the category indexes of a URL to <paramref name="into"/> (may repeat an index).</summary>
    public void Collect(UrlParts url, List<int> into)
    {
        var host = url.Domain;
        if (!string.IsNullOrEmpty(host)) CollectHost(host, url, into);
        foreach (var e in _expressions)
            if (e.IsMatch(url.Original)) into.Add(e.CategoryId);
    }

    /// <summary>
    /// The host's part of <see cref="Collect"/>: adds the indexes its <c>domains</c> entries give, and says whether a
    /// <c>urls</c> entry names the host or one of its parent domains (then the path decides more, and a URL of this
    /// host must be matched whole). Expressions are not looked at: they read the whole URL.
    /// </summary>
    public bool CollectHostOnly(string host, List<int> into) => CollectHost(host, null, into);

    /// <summary>Does any of this set's expressions match the URL as logged?</summary>
    public bool AnyExpressionMatches(UrlParts url)
    {
        foreach (var e in _expressions)
            if (e.IsMatch(url.Original)) return true;
        return false;
    }

    /// <summary>Adds the domain entries' indexes and, with a URL, its urls entries'; true when urls entries name the host.</summary>
    private bool CollectHost(string host, UrlParts? url, List<int> into)
    {
        var isIp = HostName.IsIpLiteral(host);
        Span<int> urlHostStarts = stackalloc int[16];
        Span<ulong> urlHostStates = stackalloc ulong[16];
        var urlHosts = 0;
        var checkUrls = _urls.Count > 0;

        var state = HostFingerprint.Seed;
        for (var i = host.Length - 1; i >= 0; i--)
        {
            state = HostFingerprint.Step(state, host[i]);
            if (i > 0 && (isIp || host[i - 1] != '.')) continue;
            var key = HostFingerprint.Finish(state);
            if (!isIp) AddMatches(_domains, key, host.AsSpan(i), default, into);
            if (checkUrls && urlHosts < urlHostStarts.Length && _urlHostKeys.Contains(key))
            {
                urlHostStarts[urlHosts] = i;
                urlHostStates[urlHosts++] = state;
            }
        }
        AddMatches(_domains, HostFingerprint.ExactKey(state), host, default, into);

        if (urlHosts > 0 && url is not null) CollectUrls(host, url, urlHostStarts[..urlHosts], urlHostStates[..urlHosts], into);
        return urlHosts > 0;
    }

    private void CollectUrls(string host, UrlParts url, ReadOnlySpan<int> starts, ReadOnlySpan<ulong> states, List<int> into)
    {
        // Lower-cased path + "?" + query + "#" + fragment (entries may carry one; proxies rarely log it), as far as
        // the longest entry can reach, plus one char for the boundary.
        var path = url.PathSpan(); // views of url.original, no string made (UrlParts)
        var hasQuery = url.HasQuery();
        var query = url.QuerySpan();
        var hash = url.Original.IndexOf('#');
        var fragment = hash >= 0 && url.HasPath() ? url.Original.AsSpan(hash) : default;
        // Written piece by piece into the buffer rather than concatenated first: only its first chars are read.
        var fullLength = path.Length + (hasQuery ? 1 + query.Length : 0) + fragment.Length;
        var length = Math.Min(fullLength, _maxUrlRestLength + 1);
        Span<char> rest = length <= 512 ? stackalloc char[length] : new char[length];
        var written = LowerInto(rest, 0, path);
        if (hasQuery)
        {
            written = LowerInto(rest, written, "?");
            written = LowerInto(rest, written, query);
        }
        LowerInto(rest, written, fragment);

        for (var h = 0; h < starts.Length; h++)
        {
            var hostPart = host.AsSpan(starts[h]);
            var s = states[h];
            AddMatches(_urls, HostFingerprint.Finish(s), hostPart, default, into);
            for (var k = 0; k < length && k < _maxUrlRestLength; k++)
            {
                s = HostFingerprint.Step(s, rest[k]);
                var end = k + 1;
                var atBoundary = end == fullLength || (end < length && rest[end] is '/' or '?' or '&' or ';' or '#');
                if (atBoundary) AddMatches(_urls, HostFingerprint.Finish(s), hostPart, rest[..end], into);
            }
        }
    }

    /// <summary>Copies what fits of the piece into the buffer from <paramref name="at"/>, ASCII lower-cased; the new end.</summary>
    private static int LowerInto(Span<char> buffer, int at, ReadOnlySpan<char> piece)
    {
        var n = Math.Min(piece.Length, buffer.Length - at);
        for (var i = 0; i < n; i++)
        {
            var c = piece[i];
            buffer[at + i] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }
        return at + n;
    }

    private void AddMatches(FingerprintTable table, ulong key, ReadOnlySpan<char> text1, ReadOnlySpan<char> text2, List<int> into)
    {
        var index = table.Find(key);
        if (index < 0) return;
        do
        {
            var item = table.ItemAt(index);
            if (SameText(_blob.At((long)(item >> FingerprintTable.SetBits)), text1, text2))
                into.AddRange(_sets[(int)(item & FingerprintTable.SetMask)]);
            index++;
        } while (table.KeyAt(index, key));
    }

    /// <summary>Collision check: the stored entry text equals text1 + text2 (ASCII compare; UTF-8 paths compare by bytes).</summary>
    private static bool SameText(ReadOnlySpan<byte> stored, ReadOnlySpan<char> text1, ReadOnlySpan<char> text2)
    {
        if (stored.Length == text1.Length + text2.Length)
        {
            for (var i = 0; i < text1.Length; i++) if (stored[i] != text1[i]) return false;
            for (var i = 0; i < text2.Length; i++) if (stored[text1.Length + i] != text2[i]) return false;
            return true;
        }
        // Non-ASCII path: compare as UTF-8.
        if (text2.IsEmpty) return false;
        var joined = string.Concat(text1, text2);
        return System.Text.Encoding.UTF8.GetByteCount(joined) == stored.Length && stored.SequenceEqual(System.Text.Encoding.UTF8.GetBytes(joined));
    }
}
