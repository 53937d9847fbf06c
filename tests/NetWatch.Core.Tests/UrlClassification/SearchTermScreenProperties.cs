using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The read-ahead's question of a search engine's URL (<see cref="SearchTermExtractor.MayHaveTerms"/>, from the host and
/// the path and query as logged) says "no terms" only where <see cref="SearchTermExtractor.Extract"/> finds none: over
/// engines with a path prefix (Google's /cse and /imgres, YouTube's /results), with path patterns (1.cz, 123people,
/// babylon, blekko), parameters given, empty, blank, repeated, differently cased or missing.
/// </summary>
public class SearchTermScreenProperties
{
    private static readonly SearchTermExtractor Extractor = SearchTermExtractor.Default;

    private static readonly Gen<string> Host = Gen.Elements("www.google.com", "google.co.uk", "translate.google.com", "accounts.google.com",
        "www.bing.com", "youtube.com", "www.youtube.com", "m.youtube.com", "duckduckgo.com", "search.yahoo.com", "1.cz", "www.123people.com",
        "blekko.com", "search.babylon.com", "example.com", "WWW.GOOGLE.COM");

    private static readonly Gen<string> Path = Gen.Elements("", "/", "/search", "/cse", "/custom", "/imgres", "/products", "/results", "/RESULTS",
        "/s/how+to", "/web/kill", "/ws/x", "/static/play.2cfd1eb.js", "/url", "/api/v2/quiz");

    private static readonly Gen<string> Query = Gen.Frequency(
        (1, Gen.Constant("")),
        (1, Gen.Constant("?")),
        (4, from name in Gen.Elements("q", "Q", "search_query", "query", "text", "p", "id", "search_term", "imgurl", "oq")
            from value in Gen.Elements("", "cats", "+", "%20", "how+to+kill+myself", "%E2%80", "a=b")
            from more in Gen.Elements("", "&", "&q=", "&q=maths", "&ie=UTF-8", "#frag", "&&")
            select $"?{name}={value}{more}"),
        (1, Gen.Elements("?q", "?=x", "?&q=x", "?id=16853")));

    [Property(MaxTest = 5000)]
    public Property No_terms_only_where_the_extractor_finds_none() => Prop.ForAll(
        (from scheme in Gen.Elements("http", "https") from host in Host from path in Path from query in Query
         select $"{scheme}://{host}{path}{query}").ToArbitrary(),
        url =>
        {
            var parts = UrlNormalizer.Parse(url);
            if (parts.Domain is null || !UrlTail.TryFind(url, out var path, out var query)) return true;
            return Extractor.MayHaveTerms(parts.Domain, parts.TopLevelDomain, path, query) || Extractor.Extract(parts) is null;
        });

    /// <summary>It answers "no" for a search engine's other URLs (what lets them skip the URL parts) and "maybe" for searches.</summary>
    [Theory]
    [InlineData("https://www.google.com/", false)]
    [InlineData("https://www.google.com/static/play.2cfd1eb.js", false)]
    [InlineData("https://www.google.com/api/v2/quiz?id=16853", false)]
    [InlineData("https://www.youtube.com/watch?q=cats", false)]
    [InlineData("https://www.google.com/search?q=cats", true)]
    [InlineData("https://www.youtube.com/results?search_query=cats", true)]
    [InlineData("https://1.cz/", true)]                             // a path pattern: the extractor decides
    public void Known_answers(string url, bool may)
    {
        var parts = UrlNormalizer.Parse(url);
        Assert.True(UrlTail.TryFind(url, out var path, out var query));
        Assert.Equal(may, Extractor.MayHaveTerms(parts.Domain!, parts.TopLevelDomain, path, query));
    }
}
