using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class SafeguardingDetectorTests
{
    private sealed class CountingSemantics : ISafeguardingSemantics
    {
        public List<string> Asked { get; } = [];
        public SafeguardingMatch? Classify(string text)
        {
            Asked.Add(text);
            return text.Contains("dying") ? new SafeguardingMatch("suicide", 4, "an example", SafeguardingMatch.Semantic, 0.8, "reads like: \"an example\" (0.80)") : null;
        }
    }

    [Fact]
    public void The_model_sees_only_undecided_texts_holding_a_cue_word_once_each()
    {
        var semantics = new CountingSemantics();
        var detector = new SafeguardingDetector(SafeguardingLexicalLayer.Default, semantics);
        Assert.Equal(SafeguardingMatch.Lexical, detector.Detect("how to kms")!.Layer); // decided by the lexical layer
        Assert.Null(detector.Detect("photosynthesis revision notes"));                  // no cue word: never asked
        var first = detector.Detect("feel like dying inside");
        var again = detector.Detect("Feel like DYING, inside!");                         // the same words: cached
        Assert.Equal(["feel like dying inside"], semantics.Asked);
        Assert.Equal((SafeguardingMatch.Semantic, 0.8), (first!.Layer, first.Score));
        Assert.Equal(first, again);
    }

    [Fact]
    public void The_decision_cache_is_bounded_and_keeps_recent_keys()
    {
        var cache = new DecisionCache<int>(2);
        for (var i = 0; i < 10; i++) cache.Add($"k{i}", i);
        Assert.InRange(cache.Count, 1, 4);
        Assert.True(cache.TryGet("k9", out var v) && v == 9);
        Assert.False(cache.TryGet("k0", out _));
    }
}
