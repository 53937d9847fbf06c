using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class SafeguardingMatcherTests
{
    private static SafeguardingMatch? Match(string text) => SafeguardingMatcher.Default.Match(text);

    [Theory]
    [InlineData("how to self harm", "self-harm", "how to self harm")]
    [InlineData("howtoselfharm", "self-harm", "how to self harm")]
    [InlineData("self harrm", "self-harm", "self harm")]
    [InlineData("s3lf h4rm", "self-harm", "self harm")]
    [InlineData("SELF-HARM", "self-harm", "self harm")]
    [InlineData("suicidemethods", "suicide", "suicide methods")]
    [InlineData("sucide methods", "suicide", "suicide methods")]
    [InlineData("suicdie", "suicide", "suicide")]
    [InlineData("I want to díe", "suicide", "i want to die")]
    [InlineData("i want 2 die", null, null)]
    [InlineData("iwanttodie", "suicide", "i want to die")]
    [InlineData("where to buy weed near me", "drugs", "buy weed")]
    [InlineData("join isis", "extremism", "join isis")]
    [InlineData("how to stop eating to lose weight fast", "eating-disorder", "how to stop eating")]
    public void Finds_phrases_despite_spelling_spacing_and_case(string text, string? theme, string? phrase)
    {
        var m = Match(text);
        Assert.Equal(theme, m?.Theme);
        Assert.Equal(phrase, m?.Matched);
    }

    [Theory]
    [InlineData("suicide squad cast")]
    [InlineData("suicidesquadcast")]
    [InlineData("drugs education lesson")]
    [InlineData("extreme weather")]
    [InlineData("self harm support childline")]
    [InlineData("isis egyptian goddess")]
    [InlineData("killer whale facts")]
    [InlineData("history of drugs in sport")]
    [InlineData("anti bullying week assembly ideas")]
    [InlineData("crisis joined")]
    [InlineData("analysis join")]
    [InlineData("")]
    public void Look_alikes_raise_nothing(string text) => Assert.Null(Match(text));

    [Fact]
    public void Highest_severity_wins()
    {
        var m = Match("self harm and i want to die");
        Assert.Equal(("suicide", 5), (m?.Theme, m?.Severity));
    }

    [Fact]
    public void An_exclusion_only_hides_the_match_it_overlaps()
    {
        var m = Match("suicide squad cast suicide");
        Assert.Equal("suicide", m?.Theme);
    }

    [Theory]
    [InlineData("suicide", "sucide", true)]
    [InlineData("suicide", "suicdie", true)]
    [InlineData("suicide", "suicides", true)]
    [InlineData("overdose", "overdone", false)]
    [InlineData("harm", "harms", false)]
    public void One_letter_slips_in_long_words(string word, string text, bool matches) =>
        Assert.Equal(matches, SafeguardingMatcher.WordMatches(text, word));
}
