using System.Diagnostics;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// What the live service's store stage did, when, for benchmarks only: off unless the environment variable
/// <c>NETWATCH_TIMELINE</c> is set, and then one line per write session, side-file commit, move and background checkpoint
/// on standard error, with the seconds since the process started. A batch that took long (issue 18's batch latency) is
/// then put down to what the stage was doing at that moment (bench/results/stall-2026-12-04-session21.txt).
/// </summary>
public static class Timeline
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NETWATCH_TIMELINE") is { Length: > 0 } v && v != "0";

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>When a step started: the timeline's clock and the thread's CPU time (for <see cref="Since"/>).</summary>
    public readonly record struct Mark(double Seconds, long CpuNanoseconds);

    public static Mark Start() => Enabled ? new Mark(Clock.Elapsed.TotalSeconds, PhaseTimes.ThreadCpuNanoseconds()) : default;

    /// <summary>"W s wall C s CPU" since <paramref name="started"/> (same thread): CPU time is what a loaded machine does not inflate.</summary>
    public static string Since(Mark started) =>
        $"{Clock.Elapsed.TotalSeconds - started.Seconds:F3} s wall {(PhaseTimes.ThreadCpuNanoseconds() - started.CpuNanoseconds) / 1e9:F3} s CPU";

    public static void Write(string text)
    {
        if (Enabled) Console.Error.WriteLine($"timeline: {Clock.Elapsed.TotalSeconds,9:F3} {text}");
    }
}
