namespace NetWatch.Core.UrlClassification;

/// <summary>
/// netwatch.safeguarding.theme, .severity, .matched (the library phrase, lexicon term or pattern), .layer (which
/// layer decided: <see cref="Lexical"/> or <see cref="Semantic"/>), .score (the semantic layer's similarity, 0-1)
/// and .evidence (why, in words a DSL can judge: the words matched, or the nearest labelled examples).
/// </summary>
public sealed record SafeguardingMatch(string Theme, int Severity, string Matched, string Layer = SafeguardingMatch.Lexical,
    double? Score = null, string? Evidence = null)
{
    public const string Lexical = "lexical";
    public const string Semantic = "semantic";
}
