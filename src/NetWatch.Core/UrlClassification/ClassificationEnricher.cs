using System.Runtime.CompilerServices;
using NetWatch.Core.Events;
using EventClassification = NetWatch.Core.Events.Classification;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The classification stage: sets <see cref="NetEvent.Classification"/> (netwatch.categories, netwatch.search.*,
/// netwatch.safeguarding.*) from the event's URL. Safeguarding detection (<see cref="SafeguardingDetector"/>) reads
/// the search terms and the decoded path and query of the URL. A URL's classification depends on its parts alone, so
/// the parts instance a parser shares between lines that repeat a URL is classified once while a memo
/// (<see cref="ClassificationMemo"/>) holds it.
/// </summary>
/// <param name="memoSlots">Parts instances whose classification is remembered (a power of two; 0: none).</param>
public sealed class ClassificationEnricher(UrlCategorizer categorizer, SearchTermExtractor search, SafeguardingDetector safeguarding,
    int memoSlots = ClassificationMemo.DefaultSlots)
    : IInPlaceEnricher
{
    private readonly ClassificationMemo? _memo = memoSlots > 0 ? new ClassificationMemo(memoSlots) : null;

    public ClassificationEnricher(UrlCategorizer categorizer)
        : this(categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default) { }

    /// <summary>With the semantic layer (NetWatch.Semantic) behind the lexical one.</summary>
    public ClassificationEnricher(UrlCategorizer categorizer, ISafeguardingSemantics semantics)
        : this(categorizer, SearchTermExtractor.Default, new SafeguardingDetector(SafeguardingLexicalLayer.Default, semantics)) { }

    public NetEvent Enrich(NetEvent e) => e with { Classification = Classify(e.Url) };

    public void EnrichInPlace(Span<NetEvent> events)
    {
        foreach (var e in events) EnrichedFields.SetClassification(e, Classify(e.Url));
    }

    /// <summary>
    /// As <see cref="EnrichInPlace(Span{NetEvent})"/>; an event whose line <paramref name="screened"/> found clean skips
    /// the lexical safeguarding check, which would find nothing (the same check: <see cref="SharesLexicalCheck"/>).
    /// The classification is the same either way: categories and search terms are made as always.
    /// </summary>
    public void EnrichInPlace(Span<NetEvent> events, ILexicallyScreened? screened)
    {
        if (screened is null || !SharesLexicalCheck(screened.Check))
        {
            EnrichInPlace(events);
            return;
        }
        foreach (var e in events) EnrichedFields.SetClassification(e, Classify(e.Url, screened, e));
    }

    /// <summary>
    /// Whether this enricher's safeguarding detection is exactly <paramref name="check"/>'s lexical check: the same
    /// search-term extractor and lexical layer, and no semantic layer (which asks about texts the lexical layer passed).
    /// Only then does a clean answer of that check mean detection here finds nothing.
    /// </summary>
    public bool SharesLexicalCheck(LexicalUrlScreen check) =>
        !safeguarding.HasSemantics && ReferenceEquals(check.Search, search) && ReferenceEquals(check.Lexical, safeguarding.Lexical);

    public EventClassification Classify(UrlParts url) => Classify(url, null, null);

    /// <summary>The memo's answer, else made (the lexical check skipped where <paramref name="screened"/> says the event's line is clean).</summary>
    private EventClassification Classify(UrlParts url, ILexicallyScreened? screened, NetEvent? e)
    {
        if (_memo is null) return Compute(url, screened, e);
        if (_memo.TryGet(url, out var known)) return known;
        var made = Compute(url, screened, e);
        _memo.Add(url, made);
        return made;
    }

    private EventClassification Compute(UrlParts url, ILexicallyScreened? screened, NetEvent? e)
    {
        var categories = categorizer.Categorize(url);
        var terms = search.Extract(url);
        // The query of a search holds the terms again: then only the path is URL text. A line the screen found clean
        // would match nothing here (the same check, asked last: it costs a hash of the line).
        var match = screened is not null && screened.IsClean(e!) ? null
            : DetectInText(safeguarding, terms?.Terms, url, withQuery: terms is null);
        if (categories.Count == 0 && terms is null && match is null) return EventClassification.None;
        return new EventClassification
        {
            Categories = categories,
            SearchEngine = terms?.Engine,
            SearchTerms = terms?.Terms,
            SafeguardingTheme = match?.Theme,
            SafeguardingSeverity = match?.Severity,
            SafeguardingMatched = match?.Matched,
            SafeguardingLayer = match?.Layer,
            SafeguardingScore = match?.Score,
            SafeguardingEvidence = match?.Evidence,
        };
    }

    /// <summary>Longer URL text than this (chars, decoded) goes in an array: the stack buffer stays small.</summary>
    private const int StackChars = 1024;

    /// <summary>
    /// <see cref="SafeguardingDetector.Detect(string?, string?)"/> of the terms and <see cref="UrlText"/>, with the path
    /// and query joined in a buffer (on the stack up to <see cref="StackChars"/>) rather than a new string for every URL with a query (the read-ahead's
    /// screen reads the URL text the same way).
    /// </summary>
    [SkipLocalsInit] // the text's buffer is written whole before it is read
    internal static SafeguardingMatch? DetectInText(SafeguardingDetector safeguarding, string? terms, UrlParts url, bool withQuery)
    {
        // As UrlText, read through the parts' spans: url.path and url.query are views of url.original (no string made).
        if (url.Domain is null) return safeguarding.Detect(terms, url.Original);
        var rawPath = url.PathSpan();
        if (!withQuery || !url.HasQuery())
            return safeguarding.Detect(terms, rawPath is "/" ? default : PercentDecoding.DecodeSpan(rawPath));
        var path = PercentDecoding.DecodeSpan(rawPath);
        var decodedQuery = PercentDecoding.DecodeSpan(url.QuerySpan());
        var length = path.Length + 1 + decodedQuery.Length;
        Span<char> text = length <= StackChars ? stackalloc char[length] : new char[length];
        path.CopyTo(text);
        text[path.Length] = ' ';
        decodedQuery.CopyTo(text[(path.Length + 1)..]);
        return safeguarding.Detect(terms, text);
    }

    /// <summary>The decoded path and query; for URLs that did not split, the text as logged.</summary>
    public static string? UrlText(UrlParts url, bool withQuery = true)
    {
        if (url.Domain is null) return url.Original;
        var query = withQuery ? url.Query : null;
        if (url.Path is null or "/" && query is null) return null;
        var path = PercentDecoding.Decode(url.Path ?? "");
        return query is null ? path : path + " " + PercentDecoding.Decode(query);
    }
}
