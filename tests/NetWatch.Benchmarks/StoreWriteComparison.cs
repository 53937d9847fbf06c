using System.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's write path, old against new: <see cref="EventStore.Write(IReadOnlyList{NetEvent}, IReadOnlyList{DeadLetter}, SourcePosition, long)"/>
/// against a <see cref="DuckDbStore"/> write session (events, checkpoint, commit), each batch in its own
/// transaction, into a fresh store per round; rounds alternate A, B, B, A so neither gains from going second.
/// The events are parsed from a Squid log before timing starts (e.g. gen_squid_log.py --lines 500000).
/// </summary>
public static class StoreWriteComparison
{
    public static void Run(string logFile, int batchSize, int rounds)
    {
        var parser = LogFormats.CreateParser("squid-native");
        var events = File.ReadLines(logFile)
            .Select((line, i) => parser.Parse(line, new EventOrigin(logFile, i + 1)).Event)
            .OfType<NetEvent>().ToList();
        var batches = events.Chunk(batchSize).Select(b => (IReadOnlyList<NetEvent>)b).ToList();
        Console.WriteLine($"{events.Count} events in {batches.Count} batches of {batchSize}");
        var times = new Dictionary<string, List<double>> { ["EventStore.Write"] = [], ["DuckDbStore session"] = [] };
        for (var round = 0; round < rounds; round++)
            foreach (var which in round % 2 == 0 ? new[] { "EventStore.Write", "DuckDbStore session" } : ["DuckDbStore session", "EventStore.Write"])
            {
                var dir = Path.Combine(Path.GetTempPath(), "netwatch-bench-" + Guid.NewGuid().ToString("n"));
                var seconds = which == "EventStore.Write" ? Old(dir, batches) : New(dir, batches);
                Directory.Delete(dir, recursive: true);
                times[which].Add(seconds);
                Console.WriteLine($"round {round + 1}: {which,-20} {seconds,7:0.000} s  {events.Count / seconds,10:0} events/s");
            }
        foreach (var (which, list) in times)
            Console.WriteLine($"{which,-20} best {list.Min():0.000} s, median {list.Order().ElementAt(list.Count / 2):0.000} s");
    }

    private static double Old(string dir, List<IReadOnlyList<NetEvent>> batches)
    {
        var clock = Stopwatch.StartNew();
        using var store = EventStore.Open(dir);
        long line = 0;
        foreach (var batch in batches)
        {
            line += batch.Count;
            store.Write(batch, [], new SourcePosition("bench", "1:1", line * 130, line), batch.Count);
        }
        return clock.Elapsed.TotalSeconds;
    }

    private static double New(string dir, List<IReadOnlyList<NetEvent>> batches)
    {
        var clock = Stopwatch.StartNew();
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
        return clock.Elapsed.TotalSeconds;
    }
}
