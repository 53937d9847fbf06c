namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Safeguarding detection in two stages. Every text (search terms, URL path and query) goes through the cheap
/// lexical layer (phrases, lexicon terms and window patterns). The domain alone decides nothing here: a visit to a
/// site is the category lists' business, and the search engine (or YouTube) is what makes text search terms. When
/// nothing matched and the semantic layer is plugged in, search terms holding a cue word of the lexicon (the screen) are
/// asked of it, through a bounded cache of recent decisions, so the model only sees candidates, once each.
/// </summary>
public sealed class SafeguardingDetector(SafeguardingLexicalLayer lexical, ISafeguardingSemantics? semantics = null, int cacheCapacity = 8192)
{
    private readonly DecisionCache<SafeguardingMatch?> _cache = new(cacheCapacity);

    /// <summary>Lexical layer only, with the shipped phrases and lexicon.</summary>
    public static SafeguardingDetector Default { get; } = new(SafeguardingLexicalLayer.Default);

    public bool HasSemantics => semantics is not null;

    /// <summary>The lexical layer every text goes through first.</summary>
    public SafeguardingLexicalLayer Lexical => lexical;

    /// <summary>The best match for an event's search terms and URL text, or null.</summary>
    public SafeguardingMatch? Detect(string? searchTerms, string? urlText = null) => Detect(searchTerms, urlText.AsSpan());

    /// <summary>As <see cref="Detect(string?, string?)"/>, with the URL text in a buffer of the caller's (empty: none).</summary>
    public SafeguardingMatch? Detect(string? searchTerms, ReadOnlySpan<char> urlText)
    {
        SafeguardingMatch? best = null;
        SafeguardingText.Normalised? terms = null;
        // Without the semantic layer the normalised terms are not asked again: MatchText builds them only when a
        // match may start in them (most searches match nothing).
        if (!string.IsNullOrEmpty(searchTerms))
            best = Better(best, semantics is null ? lexical.MatchText(searchTerms) : lexical.Match(terms = SafeguardingText.Words(searchTerms)));
        // Most URL texts match nothing: MatchText tells so without building their normalised text.
        if (!urlText.IsEmpty) best = Better(best, lexical.MatchText(urlText));
        if (best is not null || semantics is null) return best;
        // Screen: search terms holding a cue word. URL paths are decided lexically only: their ids and file names
        // read as random words (a trial asked the model about 77,000 distinct paths in 500,000 generated lines).
        return terms is not null && lexical.Cue(terms) is not null ? Ask(searchTerms!, terms) : null;
    }

    private SafeguardingMatch? Ask(string text, SafeguardingText.Normalised words)
    {
        // Spaces kept in the key: the words as normalised, so "Kill  my SELF" and "kill my self" are one decision.
        var key = string.Join(' ', words.Words.Select(w => words.Of(w).ToString()));
        if (_cache.TryGet(key, out var cached)) return cached;
        var decision = semantics!.Classify(text);
        _cache.Add(key, decision);
        return decision;
    }

    private static SafeguardingMatch? Better(SafeguardingMatch? a, SafeguardingMatch? b) =>
        b is not null && (a is null || b.Severity > a.Severity) ? b : a;
}
