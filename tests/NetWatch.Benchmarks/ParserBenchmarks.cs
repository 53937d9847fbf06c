using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Parsing the corpus logs, one format per case. Each invocation parses every line of the file once, so the
/// reported time and allocation are per LINE (OperationsPerInvoke = line count); Op/s is lines/s. Min is the
/// fastest iteration, the figure least disturbed by other work on a shared machine.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[OperationsPerSecond]
public class ParserBenchmarks
{
    private const int Lines = 481;

    internal static readonly Dictionary<string, string> Files = new()
    {
        [LogFormats.SquidNative] = "squid-native.log",
        [LogFormats.SquidCombined] = "squid-combined.log",
        [LogFormats.SquidCustom] = "squid-custom.log",
        [LogFormats.E2Guardian1] = "e2guardian-fmt1-dansguardian.log",
        [LogFormats.E2Guardian2] = "e2guardian-fmt2-csv.log",
        [LogFormats.E2Guardian3] = "e2guardian-fmt3-squid.log",
        [LogFormats.E2Guardian4] = "e2guardian-fmt4-tab.log",
        [LogFormats.E2Guardian6] = "e2guardian-fmt6-protex.log",
    };

    private string[] _lines = [];
    private ILogLineParser _parser = null!;

    [ParamsSource(nameof(Formats))]
    public string Format { get; set; } = LogFormats.SquidNative;

    public static IEnumerable<string> Formats => LogFormats.Names;

    [GlobalSetup]
    public void Setup()
    {
        // Every format gets exactly Lines lines (the e2guardian files, 69 lines, are repeated) so that
        // OperationsPerInvoke is the same constant for all cases.
        var source = CorpusLines.Read(Files[Format]);
        _lines = Enumerable.Range(0, Lines).Select(i => source[i % source.Length]).ToArray();
        _parser = LogFormats.CreateParser(Format, new ParserOptions { TimeZone = DateTimeZone.Utc });
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseLine()
    {
        var events = 0;
        for (var i = 0; i < _lines.Length; i++)
        {
            if (_parser.Parse(_lines[i], new EventOrigin("bench.log", i + 1)).IsSuccess) events++;
        }
        return events;
    }
}
