namespace NetWatch.Core.Diagnostics;

/// <summary>
/// The CPU a call cost the process, for a call that fans out to native threads it starts (DuckDB's workers, which
/// <see cref="PhaseTimes"/>' per-thread CPU does not see): the process's CPU over the call less that of the threads that
/// were there before it and still are at its end. That leaves the calling thread's own CPU, every thread started during
/// the call (counted even if it ended before the call did: the process's clock keeps an ended thread's time), and, rarely,
/// the last slice of a thread that was there before and ended during the call. So it is at least the calling thread's
/// own and at most the process's. The clocks are the kernel's run-time counters (<see cref="CpuClocks"/>, nanoseconds).
/// </summary>
public static class CallCpu
{
    /// <summary>Before the call: the process's CPU and each of its threads' (by tid), in nanoseconds.</summary>
    public sealed record Mark(long Process, IReadOnlyDictionary<int, long> Threads);

    /// <summary>Reads every thread's clock (~30 threads: tens of microseconds), so for calls, not events.</summary>
    public static Mark Start() => new(CpuClocks.Nanoseconds(CpuClocks.Process), ThreadsNanoseconds());

    /// <summary>The CPU the call since <paramref name="started"/> cost (see the class), in nanoseconds.</summary>
    public static long Since(Mark started)
    {
        // The threads first, then the process: what runs between the two reads counts, which errs upwards only.
        var threads = ThreadsNanoseconds();
        var cost = CpuClocks.Nanoseconds(CpuClocks.Process) - started.Process;
        var caller = CpuClocks.CurrentTid();
        foreach (var (tid, before) in started.Threads)
            if (tid != caller && threads.TryGetValue(tid, out var now)) cost -= now - before;
        return cost;
    }

    /// <summary>Every thread of the process now (one that ends while they are read is left out).</summary>
    private static Dictionary<int, long> ThreadsNanoseconds()
    {
        var threads = new Dictionary<int, long>();
        if (!OperatingSystem.IsLinux()) return threads;
        foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            if (int.TryParse(Path.GetFileName(dir), out var tid) && CpuClocks.Nanoseconds(CpuClocks.OfThread(tid)) is var ns and > 0)
                threads[tid] = ns;
        return threads;
    }
}
