using System.Diagnostics;

namespace NetWatch.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project tests/NetWatch.Benchmarks -- attribution-cpu-time`: process CPU time per event
/// (best of 5 rounds after a 2 s warm-up) in the random-instants benchmark, the cross-check on a noisy shared machine,
/// and wall time per event over a day's log in log order. Attribution's own cost is Enrich minus CopyOnly (the copy
/// every enricher makes); EnrichBatch is the path the pipeline takes.
/// </summary>
public static class AttributionCpuTime
{
    public static void Run()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var worst = new AttributionBenchmark();
        worst.Setup();
        var heap = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024);
        Console.WriteLine($"random instants: {AttributionBenchmark.Devices} devices, {worst.EvidenceCount} lease/logon records, {AttributionBenchmark.Events} events per pass, {heap:0} MB of heap (index, evidence, events)");
        var copy0 = Measure(worst.CopyOnly, AttributionBenchmark.Events, 100);
        var each = Measure(worst.Enrich, AttributionBenchmark.Events, 100);
        var batch = Measure(worst.EnrichBatch, AttributionBenchmark.Events, 100);
        Console.WriteLine($"  CopyOnly {copy0,7:0.0} ns CPU/event   Enrich {each,7:0.0} (adds {each - copy0,6:0.0})   EnrichBatch {batch,7:0.0} (adds {batch - copy0,6:0.0})");

        foreach (var of in AttributionDayBenchmark.All)
        {
            var day = new AttributionDayBenchmark(of);
            day.Setup();
            Console.WriteLine($"{of.Name} in log order: 10000 devices, {day.EvidenceCount} lease/logon records, {day.EventCount} events per pass");
            double copy = double.MaxValue, full = double.MaxValue, all = double.MaxValue;
            for (var round = 0; round < 3; round++) // tiered JIT and PGO settle
            {
                day.NanosecondsPerEvent(day.CopyOnly);
                day.NanosecondsPerEvent(day.Enrich);
                day.NanosecondsPerEvent(day.EnrichBatch);
            }
            for (var round = 0; round < 5; round++)
            {
                copy = Math.Min(copy, day.NanosecondsPerEvent(day.CopyOnly));
                full = Math.Min(full, day.NanosecondsPerEvent(day.Enrich));
                all = Math.Min(all, day.NanosecondsPerEvent(day.EnrichBatch));
            }
            Console.WriteLine($"  CopyOnly {copy,7:0.0} ns wall/event  Enrich {full,7:0.0} (adds {full - copy,6:0.0})   EnrichBatch {all,7:0.0} (adds {all - copy,6:0.0})   best of 5 days");
        }
    }

    /// <summary>
    /// `attribution-best SECONDS`: both benchmarks in short rounds (wall time) for SECONDS, keeping each figure's best.
    /// On a shared machine whose speed drifts, the best of many short rounds is the steadier figure (to compare two
    /// builds, see <see cref="AttributionAB"/>).
    /// </summary>
    public static void Best(int seconds)
    {
        var random = new AttributionBenchmark();
        random.Setup();
        var days = AttributionDayBenchmark.All.Select(of => new AttributionDayBenchmark(of)).ToArray();
        foreach (var day in days) day.Setup();
        var best = new double[3 + 2 * days.Length];
        Array.Fill(best, double.MaxValue);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            best[0] = Math.Min(best[0], WallTime(random.CopyOnly));
            best[1] = Math.Min(best[1], WallTime(random.Enrich));
            best[2] = Math.Min(best[2], WallTime(random.EnrichBatch));
            for (var d = 0; d < days.Length; d++)
            {
                best[3 + 2 * d] = Math.Min(best[3 + 2 * d], days[d].NanosecondsPerEvent(days[d].CopyOnly));
                best[4 + 2 * d] = Math.Min(best[4 + 2 * d], days[d].NanosecondsPerEvent(days[d].EnrichBatch));
            }
        }
        Console.WriteLine($"random instants: CopyOnly {best[0]:0.0} ns/event, Enrich adds {best[1] - best[0]:0.0}, EnrichBatch adds {best[2] - best[0]:0.0}" +
            string.Concat(days.Select((day, d) => $" | {day.Of.Name} in log order: CopyOnly {best[3 + 2 * d]:0.0}, EnrichBatch adds {best[4 + 2 * d] - best[3 + 2 * d]:0.0}")) +
            $"   (best of {seconds} s of rounds)");
    }

    /// <summary>`attribution-day-loop SECONDS [quiet|busy]`: a day's EnrichBatch over and over, for a profiler to sample.</summary>
    public static void LoopDay(int seconds, string which)
    {
        var day = new AttributionDayBenchmark(AttributionDayBenchmark.Named(which));
        day.Setup();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds) day.NanosecondsPerEvent(day.EnrichBatch);
    }

    // Wall time per event of 10 passes of the random-instants benchmark, after 2 passes that bring its data back into
    // the cache (the day's rounds in between push it out).
    internal static double WallTime(Func<int> body)
    {
        body();
        body();
        var began = Stopwatch.GetTimestamp();
        for (var pass = 0; pass < 10; pass++) body();
        return Stopwatch.GetElapsedTime(began).TotalNanoseconds / (10.0 * AttributionBenchmark.Events);
    }

    private static double Measure(Func<int> body, int events, int rounds)
    {
        var process = Process.GetCurrentProcess();
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 2000) body();
        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            for (var r = 0; r < rounds; r++) body();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalNanoseconds / ((double)rounds * events));
        }
        return best;
    }
}
