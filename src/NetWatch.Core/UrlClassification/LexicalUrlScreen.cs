using System.Runtime.CompilerServices;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Urls;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The lexical safeguarding check of classification (<see cref="ClassificationEnricher.Classify"/>: the phrase
/// library and lexicon over the search terms and URL text), without the category lists and without the semantic
/// layer: the alerts' read-ahead screen, which runs over every line a second time.
/// <para><see cref="MayAlert(ReadOnlySpan{char}, ReadOnlySpan{char})"/> decides from the URL as logged. For an
/// absolute URL without search terms (a host no search engine is configured for, or an engine's URL with no value for
/// its terms' parameters: all but the searches, 72,221 of the bench log's 999,128 events) it builds neither the <see cref="UrlParts"/> nor the URL
/// text's strings: the path and query are split and percent-decoded into a buffer on the stack, the way
/// <see cref="UrlNormalizer"/> and <see cref="ClassificationEnricher.UrlText"/> make them, and normalised there
/// (<see cref="SafeguardingLexicalLayer.MatchText"/>, which builds nothing for a text no match can start in); a
/// CONNECT authority has nothing to check. Everything else (text without a scheme or a usable host, searches, text
/// over 1,024 chars) goes the long way. The two ways give the same answer (an FsCheck property and the 1M log hold them to it).</para>
/// </summary>
public sealed class LexicalUrlScreen(SearchTermExtractor search, SafeguardingLexicalLayer lexical)
{
    /// <summary>Longer URL text than this (chars, decoded) goes the long way: the stack buffer stays small.</summary>
    private const int StackChars = 1024;

    private readonly SafeguardingDetector _detector = new(lexical);

    public static LexicalUrlScreen Default { get; } = new(SearchTermExtractor.Default, SafeguardingLexicalLayer.Default);

    /// <summary>The search terms' extractor and the lexical layer it checks with (classification's, when it is the same check).</summary>
    public SearchTermExtractor Search => search;
    public SafeguardingLexicalLayer Lexical => lexical;

    /// <summary>Whether the URL's search terms or text match the lexical layer.</summary>
    public bool MayAlert(UrlParts url)
    {
        var terms = search.Extract(url);
        return ClassificationEnricher.DetectInText(_detector, terms?.Terms, url, withQuery: terms is null) is not null;
    }

    /// <summary>
    /// <see cref="MayAlert(UrlParts)"/> of <see cref="LineUrl.Parts(ReadOnlySpan{char}, ReadOnlySpan{char})"/>, the
    /// parts the event of a line with this method and URL holds.
    /// </summary>
    public bool MayAlert(ReadOnlySpan<char> method, ReadOnlySpan<char> url)
    {
        try
        {
            return Short(method, url);
        }
        catch (Exception)
        {
            // Where the normaliser gives up (its own catch, SafeUrl's), the parts hold the text as logged.
            return LongWay(method, url);
        }
    }

    [SkipLocalsInit] // the text's buffer is written whole before it is read
    private bool Short(ReadOnlySpan<char> method, ReadOnlySpan<char> url)
    {
        // As UrlNormalizer.Split. A CONNECT authority with a port has parts without a scheme (so no search terms),
        // path or query (so no URL text): nothing to check. Other text without a scheme goes the long way.
        var s = url.Trim();
        var sep = s.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0 && (method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase) || UrlNormalizer.LooksLikeAuthority(s)))
            return s.IndexOfAny('/', '?', '#') >= 0 || !UrlNormalizer.TrySplitAuthority(s, out _, out var port) || port is null
                ? LongWay(method, url)
                : false;
        if (sep <= 0 || !UrlNormalizer.IsScheme(s[..sep])) return LongWay(method, url);
        UrlTail.Split(s[(sep + 3)..], out var authority, out var path, out var query);
        // No host: the parts hold the text as logged, which is checked whole.
        if (!UrlNormalizer.TrySplitAuthority(authority, out var host, out _)) return LongWay(method, url);
        // A search engine's URL with no value for its terms' parameters (its static files, its other pages) has no
        // search terms either; one with a value goes the long way.
        if (search.MayHaveTerms(host.Domain, host.TopLevelDomain, path, query))
            return LongWay(method, url);
        // No search terms, so the text is the decoded path, then the query after a space (UrlText with the query).
        if (path is "/" && query.IsEmpty) return false;
        var decodedPath = Decoded(path, out var pathText);
        var decodedQuery = query.IsEmpty ? default : Decoded(query, out var queryText);
        var length = decodedPath.Length + (query.IsEmpty ? 0 : 1 + decodedQuery.Length);
        if (length > StackChars) return LongWay(method, url);
        Span<char> text = stackalloc char[length];
        decodedPath.CopyTo(text);
        if (!query.IsEmpty)
        {
            text[decodedPath.Length] = ' ';
            decodedQuery.CopyTo(text[(decodedPath.Length + 1)..]);
        }
        return lexical.MatchText(text) is not null;
    }

    /// <summary>The text as <see cref="PercentDecoding.Decode(string)"/> makes it: itself when there is nothing to decode.</summary>
    private static ReadOnlySpan<char> Decoded(ReadOnlySpan<char> raw, out string? decoded)
    {
        decoded = raw.IndexOfAny('%', '+') < 0 ? null : PercentDecoding.Decode(raw);
        return decoded is null ? raw : decoded.AsSpan();
    }

    private bool LongWay(ReadOnlySpan<char> method, ReadOnlySpan<char> url) => MayAlert(LineUrl.Parts(method, url));
}
