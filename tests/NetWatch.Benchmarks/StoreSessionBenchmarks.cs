using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// The store's write path as the pipeline uses it: one write session (events, checkpoint, commit) of a Squid batch of
/// <see cref="N"/> parsed lines into a store file on disk. Rows per second = 1e9 / (ns per operation).
/// <list type="bullet">
/// <item><c>NewRows</c>: lines never stored, after as many earlier lines stored (an import or the live service);
/// the dedupe query runs and finds nothing.</item>
/// <item><c>AlreadyStored</c>: the same lines again (a re-import): every id is found, nothing is appended.</item>
/// <item><c>NewRowsOverlapping</c>: new lines whose times fall among the stored ones (a second proxy's log of the
/// same minutes), so the dedupe query cannot skip the stored row groups by time.</item>
/// </list>
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --filter '*StoreSession*' (add --inProcess when building the
/// boilerplate times out on a loaded machine)
/// </summary>
[MemoryDiagnoser]
[WarmupCount(1)]
[IterationCount(6)]
[InvocationCount(1)]
public class StoreSessionBenchmarks
{
    private const int N = 16_384;

    private NetEvent[] _stored = [];
    private NetEvent[] _next = [];
    private NetEvent[] _overlapping = [];
    private string _directory = "";
    private DuckDbStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = Instant.FromUtc(2026, 11, 24, 8, 0);
        _stored = Parse("access.log", start, 0);
        _next = Parse("access.log", start + Duration.FromHours(1), N);
        _overlapping = Parse("other-proxy.log", start + Duration.FromMilliseconds(17), 0, salt: "other");
    }

    /// <summary>A fresh store holding the earlier lines (and their checkpoint), before each measured write.</summary>
    [IterationSetup]
    public void FreshStore()
    {
        _directory = Path.Combine(Path.GetTempPath(), "netwatch-bench-" + Guid.NewGuid().ToString("n"));
        _store = DuckDbStore.Open(_directory);
        Write(_stored, N);
    }

    [IterationCleanup]
    public void Remove()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public int NewRows() => Write(_next, 2 * N);

    [Benchmark(OperationsPerInvoke = N)]
    public int AlreadyStored() => Write(_stored, N);

    [Benchmark(OperationsPerInvoke = N)]
    public int NewRowsOverlapping() => Write(_overlapping, N);

    private int Write(NetEvent[] events, long line)
    {
        using var session = _store.Writer.Begin();
        var result = session.WriteEventsAsync(events, CancellationToken.None).GetAwaiter().GetResult();
        session.SaveCheckpointAsync(new Checkpoint("bench", "file", $"{line * 140}:{line}"),
            new CheckpointTotals(events.Length, result.New.Count, events.Length - result.New.Count, 0), CancellationToken.None).GetAwaiter().GetResult();
        session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result.New.Count;
    }

    /// <summary>N Squid native lines from <paramref name="from"/> on, one every 55 ms, parsed as the pipeline does.</summary>
    private static NetEvent[] Parse(string file, Instant from, int firstLine, string salt = "")
    {
        var parser = LogFormats.CreateParser("squid-native");
        var events = new NetEvent[N];
        for (var i = 0; i < N; i++)
        {
            var at = from + Duration.FromMilliseconds(55L * i);
            var line = $"{at.ToUnixTimeMilliseconds() / 1000.0:0.000} {100 + i % 900,6} 10.20.{i % 7}.{i % 250} "
                + $"TCP_MISS/200 {1000 + i % 70_000} GET https://www.site{i % 3000}.example.org/{salt}page/{i % 211}?v={i} "
                + $"pupil.{i % 1200} HIER_DIRECT/203.0.113.{i % 200} text/html";
            events[i] = parser.Parse(line, new EventOrigin(file, firstLine + i + 1)).Event
                ?? throw new InvalidOperationException("benchmark line does not parse: " + line);
        }
        return events;
    }
}
