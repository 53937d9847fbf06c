using System.Runtime.InteropServices;

namespace NetWatch.Benchmarks.Rollups;

/// <summary>
/// The count base against new, alternating, by the calling thread's CPU time (getrusage RUSAGE_THREAD), not wall time:
/// on a loaded machine BenchmarkDotNet's wall-clock iterations vary several-fold. Prints each round and the best and
/// median ns an event of each. dotnet .../NetWatch.Benchmarks.dll rollup-count-ab [ROUNDS]
/// </summary>
public static class RollupCountAB
{
    public static void Run(int rounds)
    {
        var bench = new RollupCountBenchmarks();
        bench.Setup();
        var sides = new (string Name, Func<int> Body, List<double> Ns)[]
        {
            ("base", bench.CountBase, []), ("new", bench.CountNew, []), ("visits", bench.Visits, []),
        };
        for (var r = 0; r < rounds; r++)
            foreach (var (name, body, ns) in r % 2 == 0 ? sides : sides.Reverse())
            {
                var before = ThreadCpu();
                body();
                ns.Add((ThreadCpu() - before) * 1e9 / LiveSessionEvents.Count);
                Console.WriteLine($"round {r + 1} {name,-7} {ns[^1],8:0} ns/event (thread CPU)");
            }
        foreach (var (name, _, ns) in sides)
            Console.WriteLine($"{name,-7} best {ns.Min(),6:0} ns/event, median {ns.Order().ElementAt(ns.Count / 2),6:0} ns/event over {ns.Count} rounds");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserUsec, SysSec, SysUsec;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)] public long[] Rest;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out RUsage usage);

    /// <summary>The calling thread's CPU seconds (user + system).</summary>
    private static double ThreadCpu()
    {
        if (getrusage(1 /* RUSAGE_THREAD */, out var u) != 0) throw new InvalidOperationException("getrusage failed");
        return u.UserSec + u.UserUsec / 1e6 + u.SysSec + u.SysUsec / 1e6;
    }
}
