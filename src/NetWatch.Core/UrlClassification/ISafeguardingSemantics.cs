namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The seam the semantic layer plugs into (NetWatch.Semantic: a sentence-embedding model and the nearest labelled
/// examples). It is asked only about texts the lexical layer left undecided and its screen passed; it answers with
/// a <see cref="SafeguardingMatch"/> of layer <see cref="SafeguardingMatch.Semantic"/> (score and the nearest
/// examples as evidence) or null when the text reads as harmless. Must be safe to call from several threads.
/// </summary>
public interface ISafeguardingSemantics
{
    SafeguardingMatch? Classify(string text);
}
