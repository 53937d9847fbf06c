using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Urls;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/NetWatch.Benchmarks -- cpu-time`: CPU time (not wall time) per line for
/// each parser, and for the URL normaliser and event id alone on squid-native lines. On a shared, oversubscribed
/// machine wall-clock benchmarks mostly measure waiting; process CPU time is far less disturbed. Not a
/// replacement for the BenchmarkDotNet figures, a cross-check.
/// </summary>
public static class CpuTimeProbe
{
    private const int LinesPerCase = 400_000;

    /// <summary>Two passes: the first lets tiered JIT and PGO settle (their CPU is process CPU too); the second is the figure.</summary>
    public static void Run()
    {
        Console.WriteLine("warm-up pass:");
        RunOnce();
        Console.WriteLine("measured pass:");
        RunOnce();
    }

    private static void RunOnce()
    {
        var options = new ParserOptions { TimeZone = DateTimeZone.Utc };
        Console.WriteLine($"{"case",-28} {"ns CPU/line",12} {"lines/s (1 core)",18}");
        foreach (var format in LogFormats.Names)
        {
            var parser = LogFormats.CreateParser(format, options);
            var lines = CorpusLines.Read(FileOf(format));
            Report(format, Measure(lines, l => parser.Parse(l.line, new EventOrigin("cpu", l.n)).IsSuccess ? 1 : 0));
        }
        var native = CorpusLines.Read("squid-native.log");
        var nativeParser = LogFormats.CreateParser(LogFormats.SquidNative, options);
        var events = native.Select((l, i) => nativeParser.Parse(l, new EventOrigin("cpu", i + 1)).Event).Where(e => e is not null).ToArray();
        var urls = events.Select(e => (e!.Url.Original, e.Method)).ToArray();
        Report("  UrlNormalizer.Parse only", Measure(urls.Select(u => u.Original).ToArray(),
            l => UrlNormalizer.Parse(urls[(int)(l.n - 1)].Original, urls[(int)(l.n - 1)].Method).Original.Length));
        Report("  EventIdentity only", Measure(native, l => (int)EventIdentity.Compute(LogFormats.SquidNative, l.n, l.line).Value));
    }

    private static double Measure(string[] lines, Func<(string line, long n), int> work)
    {
        var sink = 0;
        for (var i = 0; i < 20_000; i++) sink += work((lines[i % lines.Length], i % lines.Length + 1)); // warm up, tier up
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < LinesPerCase; i++) sink += work((lines[i % lines.Length], i % lines.Length + 1));
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;
        GC.KeepAlive(sink);
        return cpu.TotalNanoseconds / LinesPerCase;
    }

    private static void Report(string name, double nsPerLine) =>
        Console.WriteLine($"{name,-28} {nsPerLine,12:F0} {1e9 / nsPerLine,18:N0}");

    private static string FileOf(string format) => ParserBenchmarks.Files[format];
}
