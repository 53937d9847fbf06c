using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The alerts' read-ahead screen, old (every line parsed into an event, then checked) against new (<see cref="LineScreen"/>:
/// the URL alone, only candidates parsed), in one process over the same blocks (32 KiB, as the read-ahead reads them):
/// the candidates' ids must be equal; then rounds alternated, each side's thread CPU and bytes allocated (exact).
/// With SCREEN_PARTS=1, first the new screen's CPU split: reading the fields, the whole check, and of the URL texts
/// the normalisation (<see cref="Core.UrlClassification.SafeguardingText.Words(string)"/>) and the lexical match alone.
/// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll read-ahead-screen LOG [ROUNDS]
/// </summary>
public static class ReadAheadScreen
{
    public static void Run(string log, int rounds)
    {
        var parser = LogFormats.CreateParser(LogFormats.SquidNative);
        var blocks = new List<LineBlock>();
        using (var reader = new LineBlockReader(new StreamReader(log), "proxy", 32 << 10))
            while (reader.Read() is { } b) blocks.Add(b);
        var screen = new LineScreen();
        var old = Ids(blocks.SelectMany(b => Old(b, parser, screen) ?? []));
        var now = Ids(blocks.SelectMany(b => screen.Candidates(b, parser) ?? []));
        Console.WriteLine($"{blocks.Count} blocks, {blocks.Sum(b => b.Count)} lines; candidates old {old.Count}, new {now.Count}, same ids: {old.SequenceEqual(now)}");
        if (Environment.GetEnvironmentVariable("SCREEN_PARTS") is not null)
        {
            var urlReader = (ILogLineUrlReader)parser;
            var texts = new List<string>();
            foreach (var b in blocks) for (var i = 0; i < b.Count; i++)
                if (urlReader.TryReadUrl(b.Line(i), out var m, out var u) && Core.UrlClassification.ClassificationEnricher.UrlText(LineUrl.Parts(m, u)) is { } t) texts.Add(t);
            for (var k = 0; k < 3; k++)
            {
                var c0 = PhaseTimes.ThreadCpuNanoseconds();
                var n = 0;
                foreach (var b in blocks) for (var i = 0; i < b.Count; i++) if (urlReader.TryReadUrl(b.Line(i), out var m, out var u)) n += u.Length;
                var c1 = PhaseTimes.ThreadCpuNanoseconds();
                foreach (var b in blocks) for (var i = 0; i < b.Count; i++) if (urlReader.TryReadUrl(b.Line(i), out var m, out var u)) n += Core.UrlClassification.LexicalUrlScreen.Default.MayAlert(m, u) ? 1 : 0;
                var c2 = PhaseTimes.ThreadCpuNanoseconds();
                var words = new List<Core.UrlClassification.SafeguardingText.Normalised>(texts.Count);
                foreach (var t in texts) words.Add(Core.UrlClassification.SafeguardingText.Words(t));
                var c3 = PhaseTimes.ThreadCpuNanoseconds();
                foreach (var w in words) n += Core.UrlClassification.SafeguardingLexicalLayer.Default.Match(w) is null ? 0 : 1;
                var c4 = PhaseTimes.ThreadCpuNanoseconds();
                Console.WriteLine($"TryReadUrl {(c1 - c0) / 1e9:F2} s; +MayAlert {(c2 - c1) / 1e9:F2} s; Words over {texts.Count} texts {(c3 - c2) / 1e9:F2} s; Match {(c4 - c3) / 1e9:F2} s");
            }
        }
        for (var r = 0; r < rounds; r++)
            foreach (var side in r % 2 == 0 ? new[] { "old", "new" } : ["new", "old"])
            {
                var start = PhaseTimes.ThreadCpuNanoseconds();
                var allocated = GC.GetAllocatedBytesForCurrentThread();
                var found = 0;
                foreach (var b in blocks) found += (side == "old" ? Old(b, parser, screen) : screen.Candidates(b, parser))?.Count ?? 0;
                Console.WriteLine($"round {r} {side}: {(PhaseTimes.ThreadCpuNanoseconds() - start) / 1e9:F2} s CPU, " +
                    $"{(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6:F1} MB allocated, {found} candidates");
            }
    }

    /// <summary>The read-ahead's screen before <see cref="LineScreen"/>: the block parsed whole, each event checked.</summary>
    public static List<NetEvent>? Old(LineBlock block, ILogLineParser parser, LineScreen screen)
    {
        List<NetEvent>? found = null;
        foreach (var e in new ParseStage(parser, SystemClock.Instance).Parse(block).Events)
            if (Core.UrlClassification.LexicalUrlScreen.Default.MayAlert(e.Url)) (found ??= []).Add(e);
        return found;
    }

    private static List<EventId> Ids(IEnumerable<NetEvent> events) => events.Select(e => e.Id).ToList();
}
