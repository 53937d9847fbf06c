using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Safeguarding detection over a Squid log's events: writes every match (line, theme, severity, matched, evidence)
/// to a file, so two builds' outputs can be compared with cmp, then times detection alone over every 4th event
/// (best of 7 rounds, process CPU per event).
/// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll safeguarding-dump LOG OUT
/// </summary>
public static class SafeguardingDump
{
    public static void Run(string log, string output)
    {
        var parser = LogFormats.CreateParser(LogFormats.SquidNative, new ParserOptions { TimeZone = DateTimeZone.Utc });
        using var w = new StreamWriter(output);
        var n = 0;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        foreach (var line in File.ReadLines(log))
        {
            var e = parser.Parse(line, new EventOrigin("dump", ++n)).Event;
            if (e is null) continue;
            var terms = SearchTermExtractor.Default.Extract(e.Url);
            var m = SafeguardingDetector.Default.Detect(terms?.Terms, ClassificationEnricher.UrlText(e.Url, withQuery: terms is null));
            if (m is not null) w.WriteLine($"{n}\t{m.Theme}\t{m.Severity}\t{m.Matched}\t{m.Evidence}");
        }
        Console.WriteLine($"{n} lines, {sw.Elapsed.TotalSeconds:F1} s");
        var inputs = new List<(string?, string?)>();
        n = 0;
        foreach (var line in File.ReadLines(log))
        {
            var e = parser.Parse(line, new EventOrigin("dump", ++n)).Event;
            if (e is null || n % 4 != 0) continue;
            var terms = SearchTermExtractor.Default.Extract(e.Url);
            inputs.Add((terms?.Terms, ClassificationEnricher.UrlText(e.Url, withQuery: terms is null)));
        }
        var best = double.MaxValue;
        for (var round = 0; round < 7; round++)
        {
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var hits = 0;
            foreach (var (t, u) in inputs) hits += SafeguardingDetector.Default.Detect(t, u) is null ? 0 : 1;
            var used = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1000 / inputs.Count;
            best = Math.Min(best, used);
            Console.WriteLine($"round {round}: {used:F2} us CPU per event ({hits} hits)");
        }
        Console.WriteLine($"best {best:F2} us CPU per event over {inputs.Count} events");
    }
}
