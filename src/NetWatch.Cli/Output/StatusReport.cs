using System.Globalization;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Cli.Output;

/// <summary>Prints the service's state as a table per source, from /metrics text or from a store's committed positions.</summary>
internal static class StatusReport
{
    public static void WriteFromMetrics(TextWriter w, string metrics)
    {
        var samples = metrics.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(Sample.Parse).OfType<Sample>().ToList();
        double Value(string name, string source, string? extra = null) =>
            samples.Where(s => s.Name == name && s.Label("source") == source && (extra is null || s.Labels.Contains(extra))).Sum(s => s.Value);

        var up = samples.FirstOrDefault(s => s.Name == "netwatch_up")?.Value == 1;
        w.WriteLine($"service: {(up ? "running" : "not running")}");
        w.WriteLine($"{"source",-36} {"kind",-10} {"lines",12} {"stored",12} {"dead",8} {"lag bytes",12} {"lag s",8} {"lost",8}");
        foreach (var source in samples.Select(s => s.Label("source")).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            var kind = samples.First(s => s.Label("source") == source).Label("kind");
            w.WriteLine($"{source,-36} {kind,-10} {Value("netwatch_lines_read_total", source),12} {Value("netwatch_events_stored_total", source),12} " +
                $"{Value("netwatch_dead_letters_total", source),8} {Value("netwatch_source_lag_bytes", source),12} " +
                $"{Value("netwatch_source_lag_seconds", source),8:0.#} {Value("netwatch_syslog_lost_total", source),8}");
        }
        var reasons = samples.Where(s => s.Name == "netwatch_dead_letters_total")
            .GroupBy(s => s.Label("reason")).Select(g => $"{g.Key} {g.Sum(s => s.Value)}").ToList();
        w.WriteLine("dead letters: " + (reasons.Count == 0 ? "none" : string.Join(", ", reasons)));
        var count = samples.FirstOrDefault(s => s.Name == "netwatch_batch_latency_seconds_count")?.Value ?? 0;
        var sum = samples.FirstOrDefault(s => s.Name == "netwatch_batch_latency_seconds_sum")?.Value ?? 0;
        w.WriteLine($"batches: {count}, mean latency {(count == 0 ? 0 : sum / count * 1000):0.#} ms");
        WriteMemory(w, samples);
    }

    /// <summary>
    /// One line of the memory gauges: each part held now, against its share of the <c>memory:</c> setting when the service
    /// has one ("resident 812 MB of 1024 MB set, store 240 of 256 MB, ..."). Nothing when the service shows none.
    /// </summary>
    private static void WriteMemory(TextWriter w, List<Sample> samples)
    {
        Dictionary<string, double> Parts(string name) => samples.Where(s => s.Name == name && s.Label("part") is not null)
            .ToDictionary(s => s.Label("part")!, s => s.Value, StringComparer.Ordinal);
        var (used, plan) = (Parts("netwatch_memory_bytes"), Parts("netwatch_memory_plan_bytes"));
        if (used.Count == 0) return;
        static long Mb(double bytes) => (long)bytes >> 20;
        string Part(string label, string part, string planPart, string setWord = "") =>
            !used.TryGetValue(part, out var now) ? ""
            : plan.TryGetValue(planPart, out var share) ? $"{label} {Mb(now)} MB of {Mb(share)} MB{setWord}" : $"{label} {Mb(now)} MB";
        var parts = new[]
        {
            Part("resident", "resident", "total", " set"),
            Part("store", "store", "store"),
            Part("managed heap", "managed_heap", "managed_heap_limit", " (its limit)"),
            Part("open visits", "open_visits", "open_visits"),
        };
        w.WriteLine("memory: " + string.Join(", ", parts.Where(p => p.Length > 0)));
    }

    /// <summary>
    /// The committed checkpoints with their totals; line, byte offset and lag where the checkpoint's position is a
    /// file position (<see cref="SourcePositionText"/>), else "-".
    /// </summary>
    public static async Task WriteFromStoreAsync(TextWriter w, string location, IEventSearch search, ICheckpointReader checkpoints, CancellationToken cancel)
    {
        var events = await search.CountAsync(EventQuery.All, cancel);
        w.WriteLine($"store: {location}, {events} events");
        w.WriteLine($"{"source",-36} {"lines",12} {"stored",12} {"dead",8} {"dups",6} {"line",10} {"byte offset",14} {"lag bytes",12}  updated");
        foreach (var (name, c) in await checkpoints.ReadAllAsync(cancel))
        {
            var p = SourcePositionText.TryRead(c.Checkpoint.Position);
            var lag = p?.Path is { } path && File.Exists(path) && FileIdentity.OfPath(path) == p.FileId
                ? Math.Max(0, new FileInfo(path).Length - p.Offset).ToString(CultureInfo.InvariantCulture) : "-";
            var t = c.Totals;
            w.WriteLine($"{name,-36} {t.LinesRead,12} {t.EventsStored,12} {t.DeadLetters,8} {t.Duplicates,6} " +
                $"{p?.LineNumber.ToString(CultureInfo.InvariantCulture) ?? "-",10} {p?.Offset.ToString(CultureInfo.InvariantCulture) ?? "-",14} {lag,12}  {c.UpdatedAt}");
        }
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var d in search.DeadLettersAsync(cancel)) reasons[d.Reason] = reasons.GetValueOrDefault(d.Reason) + 1;
        w.WriteLine("dead letters: " + (reasons.Count == 0 ? "none"
            : string.Join(", ", reasons.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {x.Value}"))));
    }

    private sealed record Sample(string Name, string Labels, double Value)
    {
        public string? Label(string key)
        {
            var at = Labels.IndexOf(key + "=\"", StringComparison.Ordinal);
            if (at < 0) return null;
            var start = at + key.Length + 2;
            return Labels[start..Labels.IndexOf('"', start)];
        }

        public static Sample? Parse(string line)
        {
            var space = line.LastIndexOf(' ');
            if (space <= 0 || !double.TryParse(line[(space + 1)..], CultureInfo.InvariantCulture, out var value)) return null;
            var head = line[..space];
            var brace = head.IndexOf('{');
            return brace < 0 ? new Sample(head, "", value) : new Sample(head[..brace], head[brace..], value);
        }
    }
}
