using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Storage.Rollups;

namespace NetWatch.Benchmarks.Rollups;

/// <summary>
/// The store thread's per-event work beside the append, over one live session's events (<see cref="LiveSessionEvents"/>):
/// the roll-ups' in-memory count of a session (<see cref="RollupCounter.Add"/> in write calls of 4,000, the sites rows folded as
/// the write folds them, then <see cref="RollupCounter.Clear"/>, the set kept from session to session as the writer keeps it), against the count as
/// it was before session 32 (<see cref="BaseRollupCounter"/>, frozen here so that both run in one process); and the
/// visits fold (<see cref="VisitAggregator.Add"/>, a fresh aggregator a session). Per event: ns and bytes.
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --filter '*RollupCount*'
/// </summary>
[MemoryDiagnoser]
public class RollupCountBenchmarks
{
    private const int WriteCall = 4_000;
    private NetEvent[][] _calls = [];
    private readonly RollupCounter _counter = new();
    private readonly BaseRollupCounter _base = new();

    [GlobalSetup]
    public void Setup()
    {
        _calls = LiveSessionEvents.Load().Chunk(WriteCall).ToArray();
        // Warm: the sets grown to a session's keys, as they stay in the writer from session to session.
        CountNew();
        CountBase();
        foreach (var call in _calls) _counter.Add(call);
        Console.WriteLine($"// rows a session: events {_counter.Events.Count}, sites {_counter.Sites.Count}, people {_counter.People.Count}");
        _counter.Clear();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = LiveSessionEvents.Count, Description = "roll-up count, base (per event)")]
    public int CountBase()
    {
        foreach (var call in _calls) _base.Add(call);
        var n = _base.Rows(RollupTables.People).Count;
        _base.Clear();
        return n;
    }

    [Benchmark(OperationsPerInvoke = LiveSessionEvents.Count, Description = "roll-up count (per event)")]
    public int CountNew()
    {
        foreach (var call in _calls) _counter.Add(call);
        var n = _counter.Sites.Count; // the sites rows are folded from the people rows at the write: part of the count
        _counter.Clear();
        return n;
    }

    [Benchmark(OperationsPerInvoke = LiveSessionEvents.Count, Description = "visits fold (per event)")]
    public int Visits()
    {
        var visits = new VisitAggregator();
        var closed = 0;
        foreach (var call in _calls)
            foreach (var e in call)
                if (visits.Add(e) is not null) closed++;
        return closed + visits.OpenCount;
    }
}
