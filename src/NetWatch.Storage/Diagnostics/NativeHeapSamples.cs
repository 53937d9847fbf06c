using System.Runtime.InteropServices;
using NetWatch.Core.Diagnostics;

namespace NetWatch.Storage.Diagnostics;

/// <summary>
/// Where the process's native memory is, every few milliseconds, for benchmarks only: off unless the environment variable
/// <c>NETWATCH_NATIVE_SAMPLES</c> gives the interval in milliseconds; then one line per sample on standard error, on the
/// timeline's clock (<see cref="Timeline.Seconds"/>): RSS, anonymous and lazily freed (MADV_FREE) pages from
/// /proc/self/smaps_rollup, the GC's committed memory, DuckDB's jemalloc (allocated, active, resident, dirty, muzzy),
/// glibc malloc's heap (in use, free, mmapped), duckdb_memory() and the side file's own duckdb_memory(). Written to find what a DuckDB checkpoint adds to the
/// RSS that neither the GC nor duckdb_memory() counts (bench/results/ckpt-2026-12-05-session24.txt).
/// </summary>
internal static partial class NativeHeapSamples
{
    private static readonly int IntervalMs =
        int.TryParse(Environment.GetEnvironmentVariable("NETWATCH_NATIVE_SAMPLES"), out var ms) && ms > 0 ? ms : 0;

    private static Thread? _thread;

    /// <summary>glibc's mallinfo2 (every field a size_t).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo2 MallInfo();

    /// <summary>Starts the sampling thread once, when asked for; <paramref name="duckDb"/> reads duckdb_memory() in bytes.</summary>
    public static void StartIfAsked(Func<long> duckDb, Func<long> sideFile)
    {
        if (IntervalMs == 0 || _thread is not null) return;
        _thread = new Thread(() => Run(duckDb, sideFile)) { IsBackground = true, Name = "native samples" };
        _thread.Start();
    }

    private static void Run(Func<long> duckDb, Func<long> sideFile)
    {
        Console.Error.WriteLine("native: t rss anon lazyfree gc_committed je_allocated je_active je_resident je_dirty je_muzzy glibc_used glibc_free glibc_mmap duckdb je_small je_large side_duckdb (MB)");
        while (true)
        {
            var t = Timeline.Seconds;
            var (rss, anon, lazy) = Rollup();
            var gc = GC.GetGCMemoryInfo().TotalCommittedBytes;
            var je = Native.DuckDbJemalloc.Read();
            var glibc = MallInfo();
            long duck;
            try { duck = duckDb(); } catch (Exception) { duck = -1; }
            long side;
            try { side = sideFile(); } catch (Exception) { side = -1; }
            Console.Error.WriteLine(FormattableString.Invariant(
                $"native: {t:F2} {rss >> 20} {anon >> 20} {lazy >> 20} {gc >> 20} {je.Allocated >> 20} {je.Active >> 20} {je.Resident >> 20} {je.Dirty >> 20} {je.Muzzy >> 20} {(long)glibc.UordBlks >> 20} {(long)glibc.FordBlks >> 20} {(long)glibc.HBlkHd >> 20} {duck >> 20} {je.Small >> 20} {je.Large >> 20} {side >> 20}"));
            Thread.Sleep(IntervalMs);
        }
    }

    /// <summary>Rss, Anonymous and LazyFree of /proc/self/smaps_rollup, in bytes.</summary>
    private static (long Rss, long Anon, long LazyFree) Rollup()
    {
        long rss = 0, anon = 0, lazy = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps_rollup"))
        {
            var colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon];
            if (key is not ("Rss" or "Anonymous" or "LazyFree")) continue;
            var kb = long.Parse(line[(colon + 1)..].Trim().Split(' ')[0]) << 10;
            if (key == "Rss") rss = kb; else if (key == "Anonymous") anon = kb; else lazy = kb;
        }
        return (rss, anon, lazy);
    }
}
