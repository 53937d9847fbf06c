using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// Safeguarding detection over the URL text joined in a stack buffer (<see cref="ClassificationEnricher.DetectInText"/>)
/// gives what it gives over the text as a string (<see cref="ClassificationEnricher.UrlText"/>): for paths and queries
/// with percent escapes, '+', phrases split between path and query, text past the buffer's 1,024 chars, and URLs that
/// did not split.
/// </summary>
public class UrlTextInBufferProperties
{
    private static readonly Gen<string> Piece = Gen.Elements("kill", "myself", "self", "harm", "%20", "+", "%E2%9C%93", "%zz",
        "how", "to", "a", "/", "=", "&", "suicide", "methods", "maths", "%2F", "hang");
    private static readonly Gen<string> TextGen = Piece.ListOf().Select(p => string.Concat(p));

    // Often a phrase split between the path's end and the query's start: the space the join puts between them makes it.
    private static readonly Gen<(string Path, string Query)> SplitPhrase =
        from before in TextGen
        from after in TextGen
        from phrase in Gen.Elements(("how+to+kill", "myself"), ("kill", "myself"), ("self", "harm"), ("suicide", "methods"))
        select ("/" + before + "/" + phrase.Item1, phrase.Item2 + after);

    private static readonly Gen<(string Url, bool WithQuery, string? Terms)> CaseGen =
        from pathAndQuery in Gen.OneOf(Gen.Zip(TextGen, TextGen).Select(t => (t.Item1, t.Item2)), SplitPhrase)
        let path = pathAndQuery.Item1
        let query = pathAndQuery.Item2
        from hasQuery in Gen.Elements(true, false)
        from longQuery in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from form in Gen.Elements("http://school.sch.uk/", "https://a.b/", "", "http://")
        from withQuery in Gen.Elements(true, false)
        from terms in Gen.Elements<string?>(null, "kill myself", "maths")
        let q = longQuery ? query + new string('x', 1100) + "+kill+myself" : query
        select (form + path + (hasQuery ? "?" + q : ""), withQuery, terms);

    [Property(MaxTest = 1000)]
    public Property Text_in_a_buffer_matches_as_the_string_does() => Prop.ForAll(CaseGen.ToArbitrary(), c =>
    {
        var detector = SafeguardingDetector.Default;
        var parts = LineUrl.Parts("GET", c.Url);
        var expected = detector.Detect(c.Terms, ClassificationEnricher.UrlText(parts, c.WithQuery));
        var actual = ClassificationEnricher.DetectInText(detector, c.Terms, parts, c.WithQuery);
        return (expected == actual).Label($"{c.Url} (query {c.WithQuery}, terms {c.Terms}): expected {expected} got {actual}");
    });
}

public class UrlTextInBufferTests
{
    [Fact]
    public void A_phrase_split_between_path_and_query_matches_in_the_buffer()
    {
        var parts = LineUrl.Parts("GET", "http://a.b/how+to+kill?myself");
        Assert.NotNull(SafeguardingDetector.Default.Detect(null, ClassificationEnricher.UrlText(parts)));
        Assert.NotNull(ClassificationEnricher.DetectInText(SafeguardingDetector.Default, null, parts, withQuery: true));
    }
}
