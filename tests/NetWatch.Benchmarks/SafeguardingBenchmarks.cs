using BenchmarkDotNet.Attributes;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;
using NetWatch.Semantic;

namespace NetWatch.Benchmarks;

/// <summary>
/// Per-event cost of safeguarding detection over the URLs of the sample Squid log with one search in 14 (as
/// gen_squid_log.py makes them) taken from the team's labelled set: the phrase library alone (before issue 19), the
/// lexical layers (phrases, lexicon terms, window patterns), and the two stages with the semantic layer behind a
/// warm cache (its decisions repeat, as searches do); and one uncached semantic decision (the model).
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Safeguarding*'
/// </summary>
[MemoryDiagnoser]
public class SafeguardingBenchmarks
{
    private const int Events = 10_000;
    private (string? Terms, string? Path)[] _events = [];
    private SafeguardingDetector _twoStage = null!;
    private NearestExampleClassifier _semantic = null!;
    private MiniLmEncoder _encoder = null!;
    private string[] _unseen = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        var searches = Directory.GetFiles(Path.Combine(root, "data", "safeguarding", "set"), "*.tsv")
            .SelectMany(f => SafeguardingExamples.Parse(File.ReadAllText(f), f)).Select(e => e.Text).ToArray();
        var urls = File.ReadLines(Path.Combine(root, "samples", "logs", "squid-native.log"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 7)
            .Select(f => UrlNormalizer.Parse(f[6])).ToArray();
        _events = Enumerable.Range(0, Events).Select(i => i % 14 == 0
            ? (searches[i / 14 % searches.Length], (string?)null)
            : ((string?)null, ClassificationEnricher.UrlText(urls[i % urls.Length]))).ToArray();
        _encoder = new MiniLmEncoder();
        _semantic = SemanticLayer.Create(_encoder);
        _twoStage = new SafeguardingDetector(SafeguardingLexicalLayer.Default, _semantic, cacheCapacity: 1 << 16);
        foreach (var (t, p) in _events) _twoStage.Detect(t, p); // warm the cache
        _unseen = Enumerable.Range(0, 1000).Select(i => $"how do people feel about thing number {i}").ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetWatch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NetWatch.sln not found");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Phrase library only, per event")]
    public int Phrases()
    {
        var n = 0;
        foreach (var (t, p) in _events) n += SafeguardingMatcher.Default.Match(t, p) is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Lexical layers, per event")]
    public int Lexical()
    {
        var n = 0;
        foreach (var (t, p) in _events) n += SafeguardingDetector.Default.Detect(t, p) is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Two stages, semantic decisions cached, per event")]
    public int TwoStages()
    {
        var n = 0;
        foreach (var (t, p) in _events) n += _twoStage.Detect(t, p) is null ? 0 : 1;
        return n;
    }

    [Benchmark(Description = "Semantic layer, one text it has not seen (embedding + nearest examples)")]
    public bool SemanticUncached() => _semantic.Classify(_unseen[_next++ % _unseen.Length]) is null;
}
