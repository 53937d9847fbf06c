using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// Where a run spends its time, by phase (parse, each enrichment stage, each part of a store session, the close), for
/// benchmarks only: off unless the environment variable <c>NETWATCH_PHASES</c> is set, and then a few nanoseconds a
/// call (phases are timed per batch, never per event). Wall time summed per phase: phases on parallel threads (parse)
/// can add up to more than the run's wall time. Beside the wall time, the calling thread's CPU time (Linux), which
/// a loaded machine does not inflate; DuckDB's own worker threads are not in it (a call that starts them is timed with
/// <see cref="AddFanOut"/>, which reports their CPU beside); and the bytes the calling thread
/// allocated on the managed heap (what the GC will have to collect: exact, and the same on a loaded machine as on a quiet
/// one, so two builds' phases compare in any sitting). Read with <see cref="Report"/>.
/// </summary>
public static class PhaseTimes
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NETWATCH_PHASES") is { Length: > 0 } v && v != "0";

    private static readonly ConcurrentDictionary<string, Totals> Phases = new();

    /// <summary>When a phase started: wall (Stopwatch ticks), this thread's CPU time (ns) and its managed allocations (bytes),
    /// and which thread that was.</summary>
    public readonly record struct Mark(long Wall, long Cpu, long Allocated, int Thread);

    /// <summary>A start to pass to <see cref="Add"/> (zeros when off, so that nothing is measured).</summary>
    public static Mark Start() => Enabled ? new Mark(Stopwatch.GetTimestamp(), ThreadCpuNanoseconds(), GC.GetAllocatedBytesForCurrentThread(),
        Environment.CurrentManagedThreadId) : default;

    /// <summary>Adds the time since <paramref name="started"/> (from <see cref="Start"/>) to the phase. A phase that awaited
    /// work on another thread may end on that thread (the visits' join: <c>IOverlapsStore</c>): its wall time counts, its
    /// CPU and allocations (per thread: the difference of two threads' counters means nothing) do not, and the calls that
    /// ended so are reported.</summary>
    public static void Add(string phase, Mark started)
    {
        if (!Enabled) return;
        var sameThread = Environment.CurrentManagedThreadId == started.Thread;
        var cpu = sameThread ? ThreadCpuNanoseconds() - started.Cpu : 0;
        var allocated = sameThread ? GC.GetAllocatedBytesForCurrentThread() - started.Allocated : 0;
        var totals = Phases.GetOrAdd(phase, _ => new Totals());
        if (!sameThread) Interlocked.Increment(ref totals.OtherThread);
        Interlocked.Add(ref totals.Allocated, allocated);
        Interlocked.Add(ref totals.Ticks, Stopwatch.GetTimestamp() - started.Wall);
        Interlocked.Add(ref totals.CpuNanoseconds, cpu);
        Interlocked.Increment(ref totals.Calls);
    }

    /// <summary>A start for a call that fans out to threads it starts (DuckDB's workers): <see cref="AddFanOut"/>.</summary>
    public readonly record struct FanOutMark(Mark Own, CallCpu.Mark? Call);

    /// <summary>A start to pass to <see cref="AddFanOut"/> (nothing read when off).</summary>
    public static FanOutMark StartFanOut() => Enabled ? new FanOutMark(Start(), CallCpu.Start()) : default;

    /// <summary>As <see cref="Add"/> (the calling thread's CPU in the CPU column), and besides the CPU the call cost the
    /// process, its own thread's and the threads it started (<see cref="CallCpu"/>), reported after the columns.</summary>
    public static void AddFanOut(string phase, FanOutMark started)
    {
        if (!Enabled || started.Call is null) return;
        var call = CallCpu.Since(started.Call);
        Add(phase, started.Own);
        var totals = Phases[phase];
        Interlocked.Add(ref totals.CallCpuNanoseconds, call);
        Interlocked.Increment(ref totals.FanOuts);
    }

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<long>> Sizes = new();

    /// <summary>Records one size (the rows a write session appended, say), reported as count, smallest, median and largest.</summary>
    public static void Size(string name, long value)
    {
        if (Enabled) Sizes.GetOrAdd(name, _ => new ConcurrentQueue<long>()).Enqueue(value);
    }

    /// <summary>One line per phase, in the order phases were first seen: wall seconds, CPU seconds, calls, MB allocated; then one per size.</summary>
    public static string Report() => string.Join(Environment.NewLine,
        Phases.OrderBy(p => p.Value.First).Select(p =>
            $"phase {p.Key,-38} {(double)p.Value.Ticks / Stopwatch.Frequency,8:F2} s wall {p.Value.CpuNanoseconds / 1e9,8:F2} s CPU {p.Value.Calls,6} calls {p.Value.Allocated / 1e6,9:F1} MB allocated" +
            (p.Value.FanOuts > 0 ? $", {p.Value.CallCpuNanoseconds / 1e9:F2} s CPU with the threads the calls started" : "") +
            (p.Value.OtherThread > 0 ? $" ({p.Value.OtherThread} calls ended on another thread: their CPU and allocations not counted)" : ""))
        .Concat(Sizes.OrderBy(s => s.Key).Select(s => SizeLine(s.Key, s.Value.Order().ToList()))));

    private static string SizeLine(string name, List<long> v) =>
        $"size  {name,-38} {v.Count,6} times, smallest {v[0]}, median {v[v.Count / 2]}, largest {v[^1]}: {string.Join(" ", v)}";

    /// <summary>The calling thread's CPU time so far, in nanoseconds (Linux; 0 elsewhere).</summary>
    public static long ThreadCpuNanoseconds() => CpuClocks.Nanoseconds(CpuClocks.CallingThread);

    private sealed class Totals
    {
        public long Ticks;
        public long CpuNanoseconds;
        public long Calls;
        public long Allocated;
        /// <summary>Calls that ended on another thread than they started on (<see cref="Add"/>).</summary>
        public long OtherThread;
        /// <summary>The CPU the calls cost the process (<see cref="AddFanOut"/>'s phases), and how many calls measured it.</summary>
        public long CallCpuNanoseconds;
        public long FanOuts;
        public readonly long First = Stopwatch.GetTimestamp();
    }
}
