using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.Tests.Identity;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The classification memo (<see cref="ClassificationMemo"/>, by parts instance) changes no classification: a line
/// whose URL repeats gets the parts instance of the line before (Parsing's RepeatedUrls), and its classification
/// must be the one a fresh enricher without a memo gives, whatever was classified between, at any table size; an
/// enricher over other lists never gets another's remembered answer (a reload makes a new enricher).
/// </summary>
public class ClassificationMemoProperties
{
    private static readonly UrlCategorizer Categorizer = new(
    [
        Lists.Matcher(domains: [("search-engines", "google.com"), ("games", "games.example"), ("audio-video", "youtube.com")],
            urls: [("adult", "games.example/adult")], expressions: [("c3", "play")], name: "one"),
        Lists.Matcher(domains: [("allow/games", "games.example")], name: "two"),
    ]);

    private static readonly Gen<string> HostGen = Gen.Elements("www.google.com", "games.example", "youtube.com", "school.sch.uk", "a.b");
    private static readonly Gen<string> PathGen = Gen.Elements("/", "/search", "/results", "/adult/x", "/play", "/how%20to%20kill%20myself",
        "/self+harm", "/a/b.css", "");
    private static readonly Gen<string> QueryGen = Gen.Elements("", "?q=suicide+methods", "?q=maths", "?search_query=kms", "?q=",
        "?x=1&q=hang+myself", "?id=42");

    // A URL as logged, with its method: absolute with a path and query, or a CONNECT's host:port.
    private static readonly Gen<(string Method, string Url)> LineGen =
        from host in HostGen
        from path in PathGen
        from query in QueryGen
        from kind in Gen.Elements("http://", "https://", "")
        select kind.Length == 0 ? ("CONNECT", host + ":443") : ("GET", kind + host + path + query);

    private static readonly Gen<(List<(string Method, string Url)> Lines, int Slots)> CaseGen =
        from lines in LineGen.ListOf()
        from slots in Gen.Elements(1, 2, 16, 16_384)
        select (lines.ToList(), slots);

    [Property(MaxTest = 500)]
    public Property Memo_gives_what_a_fresh_classification_gives() => Prop.ForAll(CaseGen.ToArbitrary(), c =>
    {
        var memo = new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, c.Slots);
        var fresh = new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, memoSlots: 0);
        // Every line twice, the second time after the others: the shared parts are remembered (or pushed out) by then.
        foreach (var (method, url) in c.Lines.Concat(c.Lines))
        {
            var parts = LineUrl.Parts(method, url);
            var expected = fresh.Classify(parts);
            var actual = memo.Classify(parts);
            if (!Same(expected, actual)) return false.Label($"{method} {url}: expected {Show(expected)} got {Show(actual)}");
        }
        return true.ToProperty();
    });

    [Fact]
    public void Every_line_of_the_corpus_parsed_twice_gets_a_fresh_classification()
    {
        var parser = new SquidNativeParser();
        var lines = File.ReadAllLines(Path.Combine(TestPaths.Corpus, "squid-native.log"));
        var memo = new ClassificationEnricher(Categorizer);
        var fresh = new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, memoSlots: 0);
        var checkedLines = 0;
        var shared = 0;
        var seen = new HashSet<UrlParts>(ReferenceEqualityComparer.Instance);
        foreach (var line in lines.Concat(lines))
        {
            if (parser.Parse(line, new EventOrigin("corpus", 1)).Event is not { } e) continue;
            if (!seen.Add(e.Url)) shared++;
            Assert.True(Same(fresh.Classify(e.Url), memo.Classify(e.Url)), line);
            checkedLines++;
        }
        Assert.True(checkedLines >= 900, $"{checkedLines} lines parsed");
        // The memo is exercised: the second pass meets the first pass's parts instances.
        Assert.True(shared >= checkedLines / 2, $"{shared} of {checkedLines} lines had parts seen before");
    }

    [Fact]
    public void An_enricher_over_other_lists_is_not_served_the_first_ones_answer()
    {
        var parts = LineUrl.Parts("GET", "http://games.example/index.html");
        var before = new ClassificationEnricher(new UrlCategorizer([Lists.Matcher(domains: [("games", "games.example")])]));
        var reloaded = new ClassificationEnricher(new UrlCategorizer([Lists.Matcher(domains: [("education", "games.example")])]));
        Assert.Equal(["games"], before.Classify(parts).Categories);
        Assert.Equal(["games"], before.Classify(parts).Categories);
        Assert.Equal(["education"], reloaded.Classify(parts).Categories);
    }

    [Fact]
    public void Threads_sharing_a_small_memo_each_get_the_fresh_classification()
    {
        var urls = new[]
        {
            "http://games.example/play", "https://www.google.com/search?q=suicide+methods", "http://a.b/self+harm",
            "http://school.sch.uk/", "https://youtube.com/results?search_query=kms", "http://games.example/adult/x",
        }.Select(u => LineUrl.Parts("GET", u)).ToArray();
        var fresh = new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, memoSlots: 0);
        var expected = urls.Select(fresh.Classify).ToArray();
        // Two slots for six URLs: writers race for the slots all the time.
        var memo = new ClassificationEnricher(Categorizer, SearchTermExtractor.Default, SafeguardingDetector.Default, memoSlots: 2);
        var wrong = 0;
        Parallel.For(0, 4, t =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var k = (i * 7 + t) % urls.Length;
                if (!Same(expected[k], memo.Classify(urls[k]))) Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    private static readonly string[] NoCategories = [];

    private static bool Same(Classification a, Classification b) =>
        a.Categories.SequenceEqual(b.Categories) && a with { Categories = NoCategories } == b with { Categories = NoCategories };

    private static string Show(Classification c) => $"[{string.Join(',', c.Categories)}] {c with { Categories = [] }}";
}
