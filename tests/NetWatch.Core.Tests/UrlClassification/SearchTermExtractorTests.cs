using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.UrlClassification;

public class SearchTermExtractorTests
{
    private static (string Engine, string Terms)? Extract(string url) => SearchTermExtractor.Default.Extract(UrlNormalizer.Parse(url));

    [Theory]
    [InlineData("http://www.google.co.uk/search?q=anti+bullying+week+assembly+ideas&hl=en-GB&source=hp", "Google", "anti bullying week assembly ideas")]
    [InlineData("http://www.google.com/search?q=cheap+flights+to+spain", "Google", "cheap flights to spain")]
    [InlineData("http://www.bing.com/search?q=self+harm&form=QBLH", "Bing", "self harm")]
    [InlineData("http://duckduckgo.com/?q=na%C3%AFve+meaning&ia=web", "DuckDuckGo", "naïve meaning")]
    [InlineData("http://www.youtube.com/results?search_query=caf%C3%A9+near+me", "YouTube", "café near me")]
    [InlineData("http://www.google.co.uk/search?q=caféprèsdemoi", "Google", "caféprèsdemoi")]
    [InlineData("http://www.google.co.uk/search?q=howtoselfharm", "Google", "howtoselfharm")]
    [InlineData("http://www.google.de/search?q=a%20b%2Bc", "Google", "a b+c")]
    [InlineData("https://uk.search.yahoo.com/search?p=revision", "Yahoo!", "revision")]
    public void Terms_are_decoded_and_the_engine_named(string url, string engine, string terms) =>
        Assert.Equal((engine, terms), Extract(url));

    [Theory]
    [InlineData("http://www.google.co.uk/url?sa=t&q=&url=http%3A%2F%2Fen.wikipedia.org")]
    [InlineData("http://www.google.co.uk/")]
    [InlineData("http://www.youtube.com/watch?v=dQw4w9WgXcQ")]
    [InlineData("http://www.bbc.co.uk/search?q=x")]
    [InlineData("www.google.co.uk:443")]
    [InlineData("error:invalid-request")]
    public void Not_a_search_with_terms(string url) => Assert.Null(Extract(url));

    [Fact]
    public void Invalid_utf8_falls_back_to_latin1() =>
        Assert.Equal(("Google", "café"), Extract("http://www.google.com/search?q=caf%E9"));

    [Fact]
    public void The_shipped_catalogue_is_loaded() => Assert.True(SearchEngineCatalog.Default.HostPatternCount > 500);
}
