using System.Diagnostics;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// What a run's memory is made of, over time, for benchmarks only: off unless the environment variable
/// <c>NETWATCH_MEMORY_SAMPLES</c> is set (not <c>NETWATCH_MEMORY</c>: that is the service's memory setting), and then one
/// line a second on standard error: the process's RSS, the GC's committed memory and heap (after the last collection),
/// and DuckDB's own memory (<c>duckdb_memory()</c>) while a store has said how to read it (<see cref="DuckDb"/>). An RSS
/// peak over budget is then put down to the part that grew (bench/results/live-2026-12-03-session15.txt).
/// </summary>
public static class MemorySamples
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NETWATCH_MEMORY_SAMPLES") is { Length: > 0 } v && v != "0";

    /// <summary>DuckDB's memory in bytes, set by the store while it is open (null: none open, or not sampling).</summary>
    public static Func<long>? DuckDb { get; set; }

    /// <summary>Events between the parser and the store: queued, and in the write under way (null: no pipeline running).</summary>
    public static Func<(long Queued, long Writing)>? InFlight { get; set; }

    /// <summary>The visits held open (the time-on-site observer's, one per person and site seen within its idle gap).</summary>
    public static Func<long>? OpenVisits { get; set; }

    /// <summary>Starts sampling (when enabled) until the returned handle is disposed.</summary>
    public static IDisposable Start()
    {
        if (!Enabled) return new Timer(_ => { });
        var clock = Stopwatch.StartNew();
        Console.Error.WriteLine("memory: t_s rss_mb gc_committed_mb gc_heap_mb duckdb_mb events_queued events_writing gc_live_mb open_visits");
        return new Timer(_ =>
        {
            var info = GC.GetGCMemoryInfo();
            long duck = -1;
            try { duck = DuckDb?.Invoke() ?? -1; } catch (Exception) { /* a sample missed while the store closes */ }
            var flight = InFlight?.Invoke();
            // What the last full collection (background or blocking) found alive: the heap without its garbage.
            var (background, blocking) = (GC.GetGCMemoryInfo(GCKind.Background), GC.GetGCMemoryInfo(GCKind.FullBlocking));
            var live = (background.Index >= blocking.Index ? background : blocking).PromotedBytes;
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine($"memory: {clock.Elapsed.TotalSeconds:F0} {self.WorkingSet64 >> 20} {info.TotalCommittedBytes >> 20} " +
                $"{info.HeapSizeBytes >> 20} {(duck < 0 ? "-" : (duck >> 20).ToString())} {flight?.Queued.ToString() ?? "-"} {flight?.Writing.ToString() ?? "-"} {live >> 20} {OpenVisits?.Invoke().ToString() ?? "-"}");
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }
}
