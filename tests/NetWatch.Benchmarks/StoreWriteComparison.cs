using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's write path: <see cref="DuckDbStore"/> write sessions (events, checkpoint, commit), each batch in its own
/// transaction, into a fresh store per round. The events are parsed from a Squid log before timing starts
/// (e.g. gen_squid_log.py --lines 500000). Wall time and the process's CPU time are given: on a shared machine CPU
/// time is the steadier figure. <c>which</c> (old, new) only labels the runs: bench/store-write.sh builds this
/// program from a base commit ("old") and from this tree ("new") and alternates them process by process, so two
/// versions of the write path are compared on the same events. "both" runs the one built here twice per round.
/// </summary>
public static class StoreWriteComparison
{
    public static void Run(string logFile, int batchSize, int rounds, string which = "both")
    {
        var parser = LogFormats.CreateParser("squid-native");
        var events = File.ReadLines(logFile)
            .Select((line, i) => parser.Parse(line, new EventOrigin(logFile, i + 1)).Event)
            .OfType<NetEvent>().ToList();
        var batches = events.Chunk(batchSize).Select(b => (IReadOnlyList<NetEvent>)b).ToList();
        Console.WriteLine($"{events.Count} events in {batches.Count} batches of {batchSize}");
        string[] sides = which switch { "old" => [Old], "new" => [New], _ => [Old, New] };
        var times = sides.ToDictionary(s => s, _ => new List<(double Wall, double Cpu)>());
        for (var round = 0; round < rounds; round++)
            foreach (var side in round % 2 == 0 ? sides : sides.Reverse())
            {
                var dir = Path.Combine(Path.GetTempPath(), "netwatch-bench-" + Guid.NewGuid().ToString("n"));
                GC.Collect();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                Write(dir, batches);
                var wall = clock.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Directory.Delete(dir, recursive: true);
                times[side].Add((wall, cpuSeconds));
                Console.WriteLine($"round {round + 1}: {side,-20} wall {wall,7:0.000} s  cpu {cpuSeconds,7:0.000} s  {events.Count / wall,10:0} events/s");
            }
        foreach (var (side, list) in times)
            Console.WriteLine($"{side,-20} wall best {list.Min(t => t.Wall):0.000} s median {Median(list.Select(t => t.Wall)):0.000} s; " +
                $"cpu best {list.Min(t => t.Cpu):0.000} s median {Median(list.Select(t => t.Cpu)):0.000} s");
        // With NETWATCH_PHASES=1: the store thread's phases over all rounds (the events append's CPU, say).
        if (NetWatch.Core.Diagnostics.PhaseTimes.Enabled) Console.WriteLine(NetWatch.Core.Diagnostics.PhaseTimes.Report());
    }

    private const string Old = "old";
    private const string New = "new";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Write(string dir, List<IReadOnlyList<NetEvent>> batches)
    {
        using var store = DuckDbStore.Open(dir);
        long line = 0;
        foreach (var batch in batches)
        {
            line += batch.Count;
            using var session = store.Writer.Begin();
            var result = session.WriteEventsAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
            session.SaveCheckpointAsync(new Checkpoint("bench", "file", $"{line * 130}:{line}"),
                new CheckpointTotals(batch.Count, result.New.Count, batch.Count - result.New.Count, 0), CancellationToken.None).GetAwaiter().GetResult();
            session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
