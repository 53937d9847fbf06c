using System.Diagnostics;
using NetWatch.Core.Diagnostics;

namespace NetWatch.Cli.Output;

/// <summary>
/// With NETWATCH_PHASES set (benchmarks): where a process's time went (<see cref="PhaseTimes"/>), the GC's share and the
/// JIT's, on standard error: at the end of an import, and when the service (<c>netwatch run</c>) stops.
/// </summary>
internal static class PhaseOutput
{
    public static void Write()
    {
        Console.Error.WriteLine(PhaseTimes.Report());
        // The pipeline's line is wall time only: its await resumes on another thread, so its CPU column means nothing.
        Console.Error.WriteLine($"phase {"GC pauses",-38} {GC.GetTotalPauseDuration().TotalSeconds,8:F2} s wall, {GC.CollectionCount(2)} gen2 collections " +
            $"(latency mode {System.Runtime.GCSettings.LatencyMode}); " +
            $"{GC.GetTotalAllocatedBytes() / 1048576} MB allocated; heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MB; " +
            $"process CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F1} s");
        // The JIT's share (tier-0 and tier-1 compiles alike): a whole-process CPU A/B on the shared 2-core machine is too
        // noisy to show a 1-2 s difference. The time is elapsed time inside the JIT summed over threads (so a loaded machine
        // inflates it: 3.4 s quiet-ish, 8.6 s at load 19); the method count is exact and tells the settings apart.
        Console.Error.WriteLine($"phase {"JIT compiling (summed over threads)",-38} {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,8:F2} s, " +
            $"{System.Runtime.JitInfo.GetCompiledMethodCount()} methods, {System.Runtime.JitInfo.GetCompiledILBytes() / 1024} KB of IL");
    }
}
