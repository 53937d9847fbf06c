using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Events;
using NetWatch.Core.Urls;

namespace NetWatch.Benchmarks;

/// <summary>
/// Per-URL cost of the classification stage on the shipped UT1 subset (data/ut1, 479k domains), over the URLs of
/// the sample Squid log (samples/logs/squid-native.log) repeated. The squidGuard comparison and the 4.6M-entry
/// load figures come from bench/classify-vs-squidguard.sh.
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Classification*'
/// </summary>
[MemoryDiagnoser]
public class ClassificationBenchmarks
{
    private const int Urls = 10_000;
    private string[] _raw = [];
    private UrlParts[] _parts = [];
    private UrlCategorizer _categorizer = null!;
    private ClassificationEnricher _enricher = null!;
    private List<(string Category, string Kind, byte[] Bytes)> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = RepoRoot();
        var ut1 = Path.Combine(root, "data", "ut1");
        foreach (var dir in Directory.GetDirectories(ut1).Order(StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file).Replace(".gz", "");
                if (name is not ("domains" or "urls" or "expressions")) continue;
                using var stream = file.EndsWith(".gz") ? (Stream)new GZipStream(File.OpenRead(file), CompressionMode.Decompress) : File.OpenRead(file);
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                _files.Add((Path.GetFileName(dir), name, memory.ToArray()));
            }
        _categorizer = new UrlCategorizer([BuildUt1()]);
        _enricher = new ClassificationEnricher(_categorizer);
        var logged = File.ReadLines(Path.Combine(root, "samples", "logs", "squid-native.log"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 7)
            .Select(f => f[6])
            .ToArray();
        _raw = Enumerable.Range(0, Urls).Select(i => logged[i % logged.Length]).ToArray();
        _parts = _raw.Select(u => UrlNormalizer.Parse(u)).ToArray();
    }

    private CategoryMatcher BuildUt1()
    {
        var builder = new CategoryMatcherBuilder("ut1");
        foreach (var (category, kind, bytes) in _files)
        {
            long line = 1;
            if (kind == "domains") builder.AddDomainLines(category, bytes, kind, ref line);
            else if (kind == "urls") builder.AddUrlLines(category, bytes, kind, ref line);
            else builder.AddExpressions(category, System.Text.Encoding.UTF8.GetString(bytes).Split('\n'), kind);
        }
        return builder.Build();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetWatch.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("NetWatch.sln not found");
    }

    [Benchmark(OperationsPerInvoke = Urls, Description = "UrlNormalizer.Parse, per URL")]
    public int Parse()
    {
        var n = 0;
        foreach (var u in _raw) n += UrlNormalizer.Parse(u).Port ?? 0;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Urls, Description = "Categorize (UT1 subset), per URL")]
    public int Categorize()
    {
        var n = 0;
        foreach (var p in _parts) n += _categorizer.Categorize(p).Count;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Urls, Description = "Full classification (categories, search, safeguarding), per URL")]
    public int Classify()
    {
        var n = 0;
        foreach (var p in _parts) n += _enricher.Classify(p).Categories.Count;
        return n;
    }

    [Benchmark(Description = "Build the UT1-subset matcher from bytes (479k domains, 41k urls)")]
    public int BuildMatcher() => BuildUt1().DomainEntryCount;
}
