using NetWatch.Core.Diagnostics;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Benchmarks;

/// <summary>
/// The lexical layer's screen with and without its one-look-up-per-word front (<see cref="SafeguardingLexicalLayer.MayStart"/>,
/// session 36), in one process over the URL texts of a log's lines (normalised once, on the stack as MatchText does):
/// thread CPU of each side, alternated; the texts either side lets through (must be equal); the texts MayStart lets
/// through, and the words that let them through most; the candidates' line numbers (LexicalUrlScreen from the URL fields).
/// dotnet tests/NetWatch.Benchmarks/bin/Release/net10.0/NetWatch.Benchmarks.dll lexical-starts LOG [ROUNDS]
/// </summary>
public static class LexicalStarts
{
    public static void Run(string log, int rounds)
    {
        var parser = (ILogLineUrlReader)LogFormats.CreateParser(LogFormats.SquidNative);
        // Each line's texts as the lexical check reads them: the URL text (path, then query) and any search terms.
        var texts = new List<SafeguardingText.Normalised>();
        var candidates = new List<long>();
        long lineNumber = 0;
        foreach (var line in File.ReadLines(log))
        {
            lineNumber++;
            if (!parser.TryReadUrl(line, out var m, out var u)) continue;
            var parts = LineUrl.Parts(m, u);
            if (ClassificationEnricher.UrlText(parts) is { } t) texts.Add(SafeguardingText.Words(t));
            if (SearchTermExtractor.Default.Extract(parts)?.Terms is { Length: > 0 } terms) texts.Add(SafeguardingText.Words(terms));
            if (LexicalUrlScreen.Default.MayAlert(m, u)) candidates.Add(lineNumber);
        }
        Console.WriteLine($"{lineNumber} lines, {candidates.Count} candidates (MayAlert from the URL fields) at lines " +
            (candidates.Count <= 100 ? string.Join(' ', candidates) : $"hashed {candidates.Aggregate(17L, (h, n) => h * 31 + n):X}"));
        var layer = SafeguardingLexicalLayer.Default;
        int old = 0, now = 0, starts = 0, differ = 0;
        var byWord = new Dictionary<string, int>();
        foreach (var t in texts)
        {
            var unscreened = layer.MayMatchUnscreened(t.Text, t.Words);
            var screened = layer.MayMatch(t.Text, t.Words);
            old += unscreened ? 1 : 0;
            now += screened ? 1 : 0;
            differ += unscreened != screened ? 1 : 0;
            if (!layer.MayStart(t.Text, t.Words)) continue;
            starts++;
            foreach (var w in t.Words)
                if (layer.MayStart(t.Text, [w])) byWord[t.Of(w).ToString()] = byWord.GetValueOrDefault(t.Of(w).ToString()) + 1;
        }
        Console.WriteLine($"{texts.Count} texts: MayMatch without the front {old}, with it {now}, answers that differ {differ}; MayStart lets through {starts}");
        Console.WriteLine("words letting texts through: " + string.Join(", ", byWord.OrderByDescending(kv => kv.Value).Take(40).Select(kv => $"{kv.Key} {kv.Value}")));
        for (var r = 0; r < rounds; r++)
            foreach (var side in r % 2 == 0 ? new[] { "unscreened", "screened" } : ["screened", "unscreened"])
            {
                var start = PhaseTimes.ThreadCpuNanoseconds();
                var n = 0;
                foreach (var t in texts) n += (side == "screened" ? layer.MayMatch(t.Text, t.Words) : layer.MayMatchUnscreened(t.Text, t.Words)) ? 1 : 0;
                Console.WriteLine($"round {r} {side}: {(PhaseTimes.ThreadCpuNanoseconds() - start) / 1e9:F3} s CPU, {n} through");
            }
    }
}
