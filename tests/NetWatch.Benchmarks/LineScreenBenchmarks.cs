using BenchmarkDotNet.Attributes;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;

namespace NetWatch.Benchmarks;

/// <summary>
/// The alerts' read-ahead screen (<see cref="LineScreen.Candidates"/>) per line, over 32 KiB blocks (as the read-ahead
/// reads them) of the first 100,000 lines of a Squid log: SCREEN_LOG (the 1M bench log: gen_squid_log.py --seed 1),
/// else the sample log (repeated). ns and bytes allocated are per line.
/// SCREEN_LOG=/path/squid-1000000.log dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*LineScreen*'
/// </summary>
[MemoryDiagnoser]
public class LineScreenBenchmarks
{
    private const int Lines = 100_000;
    private readonly ILogLineParser _parser = LogFormats.CreateParser(LogFormats.SquidNative);
    private readonly LineScreen _screen = new();
    private List<LineBlock> _blocks = [];

    [GlobalSetup]
    public void Setup()
    {
        var log = Environment.GetEnvironmentVariable("SCREEN_LOG") is { Length: > 0 } path ? path : SampleLog();
        var lines = File.ReadLines(log).Take(Lines).ToList();
        for (var i = 0; lines.Count < Lines; i++) lines.Add(lines[i]); // a shorter log (the sample) is repeated
        using var reader = new LineBlockReader(new StringReader(string.Join('\n', lines) + "\n"), "proxy", 32 << 10);
        while (reader.Read() is { } block) _blocks.Add(block);
    }

    [Benchmark(OperationsPerInvoke = Lines, Description = "LineScreen.Candidates, per line")]
    public int Candidates()
    {
        var found = 0;
        foreach (var block in _blocks) found += _screen.Candidates(block, _parser)?.Count ?? 0;
        return found;
    }

    private static string SampleLog()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetWatch.sln"))) return Path.Combine(dir.FullName, "samples", "logs", "squid-native.log");
        throw new DirectoryNotFoundException("NetWatch.sln not found");
    }
}
