using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;
#if !LEGACY
using NetWatch.Storage.Contracts.Checkpoints;
#endif

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's write path, old against new: <see cref="EventStore.Write(IReadOnlyList{NetEvent}, IReadOnlyList{DeadLetter}, SourcePosition, long)"/>
/// against a <see cref="DuckDbStore"/> write session (events, checkpoint, commit), each batch in its own
/// transaction, into a fresh store per round; rounds alternate A, B, B, A so neither gains from going second.
/// The events are parsed from a Squid log before timing starts (e.g. gen_squid_log.py --lines 500000). Wall time
/// and the process's CPU time are given: on a shared machine CPU time is the steadier figure. <c>which</c> = old or new
/// runs one side only, so that the old side can be built from another commit (LEGACY leaves the new side out):
/// bench/store-write.sh runs main's EventStore against this branch's session, process by process.
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
                if (side == Old) WriteOld(dir, batches);
                else WriteNew(dir, batches);
                var wall = clock.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Directory.Delete(dir, recursive: true);
                times[side].Add((wall, cpuSeconds));
                Console.WriteLine($"round {round + 1}: {side,-20} wall {wall,7:0.000} s  cpu {cpuSeconds,7:0.000} s  {events.Count / wall,10:0} events/s");
            }
        foreach (var (side, list) in times)
            Console.WriteLine($"{side,-20} wall best {list.Min(t => t.Wall):0.000} s median {Median(list.Select(t => t.Wall)):0.000} s; " +
                $"cpu best {list.Min(t => t.Cpu):0.000} s median {Median(list.Select(t => t.Cpu)):0.000} s");
    }

    private const string Old = "EventStore.Write";
    private const string New = "DuckDbStore.Session";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void WriteOld(string dir, List<IReadOnlyList<NetEvent>> batches)
    {
        using var store = EventStore.Open(dir);
        long line = 0;
        foreach (var batch in batches)
        {
            line += batch.Count;
            store.Write(batch, [], new SourcePosition("bench", "1:1", line * 130, line), batch.Count);
        }
    }

    private static void WriteNew(string dir, List<IReadOnlyList<NetEvent>> batches)
    {
#if LEGACY
        throw new NotSupportedException("built without the write session (LEGACY)");
#else
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
#endif
    }
}
