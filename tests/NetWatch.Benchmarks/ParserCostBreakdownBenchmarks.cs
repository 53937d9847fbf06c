using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Urls;

namespace NetWatch.Benchmarks;

/// <summary>
/// Where a squid-native line's parse time goes: the whole parse, and the two steps the parser calls but does not
/// own (URL normalisation and the event id hash), each over the same 481 lines. Per line, like ParserBenchmarks.
/// </summary>
[MemoryDiagnoser]
public class ParserCostBreakdownBenchmarks
{
    private const int Lines = 481;
    private string[] _lines = [];
    private string[] _urls = [];
    private string[] _methods = [];
    private readonly ILogLineParser _parser = LogFormats.CreateParser(LogFormats.SquidNative);

    [GlobalSetup]
    public void Setup()
    {
        _lines = CorpusLines.Read("squid-native.log").Take(Lines).ToArray();
        var events = _lines.Select((l, i) => _parser.Parse(l, new EventOrigin("b", i + 1)).Event).ToArray();
        _urls = events.Select(e => e?.Url.Original ?? "-").ToArray();
        _methods = events.Select(e => e?.Method ?? "-").ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int SquidNativeParse()
    {
        var n = 0;
        for (var i = 0; i < _lines.Length; i++)
            if (_parser.Parse(_lines[i], new EventOrigin("b", i + 1)).IsSuccess) n++;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int UrlNormalizerOnly()
    {
        var n = 0;
        for (var i = 0; i < _urls.Length; i++) n += UrlNormalizer.Parse(_urls[i], _methods[i]).Original.Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public ulong EventIdentityOnly()
    {
        ulong n = 0;
        for (var i = 0; i < _lines.Length; i++) n += (ulong)EventIdentity.Compute(LogFormats.SquidNative, i + 1, _lines[i]).Value;
        return n;
    }
}
