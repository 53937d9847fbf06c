using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class SafeguardingLexiconTests
{
    private static SafeguardingMatch? Detect(string text) => SafeguardingDetector.Default.Detect(text);

    /// <summary>The misses the issue quotes (searches nobody on the team wrote), now found by the lexical layers.</summary>
    [Theory]
    [InlineData("i want to kill my self", "suicide")]
    [InlineData("how to unalive myself", "suicide")]
    [InlineData("ways to kms", "suicide")]
    [InlineData("how many paracetamol would kill me", "suicide")]
    [InlineData("thinspo", "eating-disorder")]
    [InlineData("how to hide cuts on my wrist from parents", "self-harm")]
    [InlineData("older guy wants to meet me and says not to tell my parents", "child-sexual-exploitation")]
    [InlineData("how to make a pipe bomb", "extremism")]
    [InlineData("how to get a knife into school", "violence")]
    [InlineData("snapchat plug near me", "drugs")]
    [InlineData("best vpn to get past school block", "illegal")]
    public void The_issues_examples_are_found(string text, string theme) => Assert.Equal(theme, Detect(text)?.Theme);

    [Theory]
    [InlineData("myself how to kill")] // any order within the window
    [InlineData("ways 2 kms")]
    [InlineData("kill my self")]
    public void Patterns_and_spacing_slips(string text) => Assert.Equal("suicide", Detect(text)?.Theme);

    [Theory]
    [InlineData("kms meaning text")]
    [InlineData("how to help a friend who is suicidal")]
    [InlineData("knife crime awareness assembly")]
    [InlineData("how to kill a mockingbird summary")]
    [InlineData("paracetamol dosage for children calpol")]
    [InlineData("bath bomb recipe")]
    [InlineData("childline number")]
    [InlineData("how to cut a mango")]
    [InlineData("the bomb song lyrics")]
    public void Look_alikes_stay_unflagged(string text) => Assert.Null(Detect(text));

    [Fact]
    public void A_pattern_match_says_which_words_it_found()
    {
        var m = Detect("how do i drown myself")!;
        Assert.Equal((SafeguardingMatch.Lexical, 5), (m.Layer, m.Severity));
        Assert.StartsWith("pattern suicide/", m.Evidence);
        Assert.Contains("drown", m.Evidence);
    }

    [Fact]
    public void Words_too_far_apart_do_not_make_a_pattern()
    {
        var lexicon = SafeguardingLexicon.Parse("themes:\n  - id: t\n    patterns:\n      - { name: p, all: [[alpha], [omega]], window: 3, severity: 2 }\n", "x");
        var layer = new SafeguardingLexicalLayer(new SafeguardingMatcher(SafeguardingLibrary.Parse("themes: []\n", "y")), lexicon);
        Assert.NotNull(layer.Match(SafeguardingText.Words("omega then alpha")));
        Assert.Null(layer.Match(SafeguardingText.Words("alpha one two three omega")));
    }

    [Theory]
    [InlineData("themes:\n  - id: t\n    terms:\n      - { term: x y, severity: 7 }\n", 4, "severity must be 1 to 5")]
    [InlineData("themes:\n  - id: t\n    patterns:\n      - { name: p, all: [[a]], window: 3, severity: 2 }\n", 4, "at least two groups")]
    [InlineData("themes:\n  - id: t\n    patterns:\n      - { name: p, all: [[a], [b]], window: 99, severity: 2 }\n", 4, "window must be")]
    [InlineData("themes:\n  - terms: []\n", 2, "'id'")]
    [InlineData("look-alikes: x\n", 1, "expected 'themes:'")]
    public void A_bad_lexicon_fails_with_line_and_reason(string yaml, int line, string reason)
    {
        var e = Assert.Throws<ReferenceDataException>(() => SafeguardingLexicon.Parse(yaml, "lexicon.yaml"));
        Assert.Equal(("lexicon.yaml", (long)line), (e.SourceName, e.Line));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_shipped_lexicon_covers_every_theme() =>
        Assert.Equal(SafeguardingLibrary.Default.Themes.Order(),
            SafeguardingLexicon.Default.Patterns.Select(p => p.Theme).Distinct().Order());
}
