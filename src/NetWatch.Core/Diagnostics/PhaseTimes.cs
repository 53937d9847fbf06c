using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// Where a run spends its time, by phase (parse, each enrichment stage, each part of a store session, the close), for
/// benchmarks only: off unless the environment variable <c>NETWATCH_PHASES</c> is set, and then a few nanoseconds a
/// call (phases are timed per batch, never per event). Wall time summed per phase: phases on parallel threads (parse)
/// can add up to more than the run's wall time. Read with <see cref="Report"/>.
/// </summary>
public static class PhaseTimes
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("NETWATCH_PHASES") is { Length: > 0 } v && v != "0";

    private static readonly ConcurrentDictionary<string, Totals> Phases = new();

    /// <summary>A timestamp to pass to <see cref="Add"/> (0 when off, so that nothing is measured).</summary>
    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="started"/> (from <see cref="Start"/>) to the phase.</summary>
    public static void Add(string phase, long started)
    {
        if (!Enabled) return;
        var totals = Phases.GetOrAdd(phase, _ => new Totals());
        Interlocked.Add(ref totals.Ticks, Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref totals.Calls);
    }

    /// <summary>One line per phase, in the order phases were first seen: seconds, calls.</summary>
    public static string Report() => string.Join(Environment.NewLine,
        Phases.OrderBy(p => p.Value.First).Select(p =>
            $"phase {p.Key,-34} {(double)p.Value.Ticks / Stopwatch.Frequency,9:F2} s {p.Value.Calls,8} calls"));

    private sealed class Totals
    {
        public long Ticks;
        public long Calls;
        public readonly long First = Stopwatch.GetTimestamp();
    }
}
