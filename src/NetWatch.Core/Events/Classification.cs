namespace NetWatch.Core.Events;

/// <summary>netwatch.categories, netwatch.search.*, netwatch.safeguarding.*</summary>
public sealed record Classification
{
    public static readonly Classification None = new();

    /// <summary>netwatch.categories, in a stable order</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>netwatch.search.engine</summary>
    public string? SearchEngine { get; init; }
    /// <summary>netwatch.search.terms (decoded)</summary>
    public string? SearchTerms { get; init; }
    /// <summary>netwatch.safeguarding.theme</summary>
    public string? SafeguardingTheme { get; init; }
    /// <summary>netwatch.safeguarding.severity, 1 (low) to 5 (imminent risk)</summary>
    public int? SafeguardingSeverity { get; init; }
    /// <summary>netwatch.safeguarding.matched: the phrase of the library that matched</summary>
    public string? SafeguardingMatched { get; init; }
    /// <summary>netwatch.safeguarding.layer: which layer decided, lexical or semantic</summary>
    public string? SafeguardingLayer { get; init; }
    /// <summary>netwatch.safeguarding.score: the semantic layer's similarity to the nearest concerning examples (0-1)</summary>
    public double? SafeguardingScore { get; init; }
    /// <summary>netwatch.safeguarding.evidence: why, for a DSL ("pattern ...", "reads like: ...")</summary>
    public string? SafeguardingEvidence { get; init; }
}
