using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Reference;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Where the classification stage's time goes, per event, on the events an enriched import classifies: lines of the
/// generated 1M log (every 25th of <c>NETWATCH_ENRICH_LOG</c>, default /work/big/lead/squid-1000000.log, else the
/// sample log) with the shipped lists (data/ut1, then data/lists/school-example), as <c>import --lists ...</c> loads
/// them. Each part alone (categories, search terms, the URL text, safeguarding) and the whole stage with its record
/// copy; categories with and without the per-host memo, in one process (the setup checks both give the same lists).
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*EnrichedLog*'
/// </summary>
[MemoryDiagnoser]
public class EnrichedLogBenchmarks
{
    private NetEvent[] _events = [];
    private UrlCategorizer _memo = null!;
    private UrlCategorizer _plain = null!;
    private ClassificationEnricher _enricher = null!;
    private string?[] _texts = [];
    private (string? Terms, string? Text)[] _detectInputs = [];
    private SafeguardingText.Normalised[] _normalised = [];
    private readonly SafeguardingMatcher _terms = new(SafeguardingLexicon.Default.Terms);

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        var log = Environment.GetEnvironmentVariable("NETWATCH_ENRICH_LOG") is { Length: > 0 } given ? given
            : File.Exists("/work/big/lead/squid-1000000.log") ? "/work/big/lead/squid-1000000.log"
            : Path.Combine(root, "samples", "logs", "squid-native.log");
        var parser = LogFormats.CreateParser(LogFormats.SquidNative, new ParserOptions { TimeZone = DateTimeZone.Utc });
        var step = log.EndsWith("squid-native.log", StringComparison.Ordinal) ? 1 : 25;
        _events = File.ReadLines(log).Where((_, i) => i % step == 0)
            .Select((l, i) => parser.Parse(l, new EventOrigin("bench", i + 1)).Event)
            .Where(e => e is not null).Select(e => e!).ToArray();
        var lists = new[] { Path.Combine(root, "data", "ut1"), Path.Combine(root, "data", "lists", "school-example") };
        var sets = lists.Select(CategoryListLoader.LoadListSet).ToArray();
        _memo = new UrlCategorizer(sets);
        _plain = new UrlCategorizer(sets, hostMemoCapacity: 0);
        _enricher = new ClassificationEnricher(_memo);
        foreach (var e in _events)
            if (!_memo.Categorize(e.Url).SequenceEqual(_plain.Categorize(e.Url)))
                throw new InvalidOperationException($"memo and plain differ for {e.Url.Original}");
        _texts = _events.Select(e => ClassificationEnricher.UrlText(e.Url)).ToArray();
        _detectInputs = _events.Select(e =>
        {
            var terms = SearchTermExtractor.Default.Extract(e.Url);
            return (terms?.Terms, ClassificationEnricher.UrlText(e.Url, withQuery: terms is null));
        }).ToArray();
        _normalised = _texts.Where(t => t is not null).Select(t => SafeguardingText.Words(t!)).ToArray();
        Console.WriteLine($"// {_events.Length} events from {log}");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetWatch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NetWatch.sln not found");
    }

    [Benchmark(Description = "Categories, no memo (all events)")]
    public int CategoriesPlain()
    {
        var n = 0;
        foreach (var e in _events) n += _plain.Categorize(e.Url).Count;
        return n;
    }

    [Benchmark(Description = "Categories, per-host memo (all events)")]
    public int CategoriesMemo()
    {
        var n = 0;
        foreach (var e in _events) n += _memo.Categorize(e.Url).Count;
        return n;
    }

    [Benchmark(Description = "Search terms (all events)")]
    public int SearchTerms()
    {
        var n = 0;
        foreach (var e in _events) n += SearchTermExtractor.Default.Extract(e.Url) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "URL text (decoded path and query; all events)")]
    public int UrlText()
    {
        var n = 0;
        foreach (var e in _events) n += ClassificationEnricher.UrlText(e.Url)?.Length ?? 0;
        return n;
    }

    [Benchmark(Description = "Safeguarding, lexical (all events)")]
    public int Safeguarding()
    {
        var n = 0;
        foreach (var (terms, text) in _detectInputs) n += SafeguardingDetector.Default.Detect(terms, text) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "Safeguarding parts: phrases over normalised URL texts")]
    public int PartPhrases()
    {
        var n = 0;
        foreach (var t in _normalised) n += SafeguardingMatcher.Default.Match(t) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "Safeguarding parts: lexicon terms over normalised URL texts")]
    public int PartTerms()
    {
        var n = 0;
        foreach (var t in _normalised) n += _terms.Match(t) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "Safeguarding parts: whole lexical layer over normalised URL texts")]
    public int PartLayer()
    {
        var n = 0;
        foreach (var t in _normalised) n += SafeguardingLexicalLayer.Default.Match(t) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "SafeguardingText.Words of the URL text (all events)")]
    public int Words()
    {
        var n = 0;
        foreach (var t in _texts) if (t is not null) n += SafeguardingText.Words(t).Words.Length;
        return n;
    }

    [Benchmark(Description = "Classify, whole (all events)")]
    public int Classify()
    {
        var n = 0;
        foreach (var e in _events) n += _enricher.Classify(e.Url).Categories.Count;
        return n;
    }

    [Benchmark(Description = "Enrich: Classify + record copy (all events)")]
    public int Enrich()
    {
        var n = 0;
        foreach (var e in _events) n += _enricher.Enrich(e).Classification!.Categories.Count;
        return n;
    }
}
