using System.Diagnostics;
using System.Globalization;
using NetWatch.Core.Diagnostics;
using NetWatch.Pipeline.Observers;

namespace NetWatch.Service.Alerts;

/// <summary>
/// The fast lane's hops per raised event, one tab-separated line each, for the alert latency benchmark
/// (bench/alerts_latency.py matches them to its lines by user name): user, then the seconds on the monotonic clock
/// (CLOCK_MONOTONIC on Linux, as Python's time.monotonic) at which the event's lines were read, parsed, enriched,
/// entered the lane, had the "raised before?" answer, were stored in the lane and told on the live feed; last, the
/// process's garbage-collection pauses so far (seconds, <see cref="GC.GetTotalPauseDuration"/>), so the benchmark can
/// say how much of an alert's time the runtime was paused. Then the finer split (<see cref="LaneSteps"/>): the seconds at
/// which the raise asked for the lane and its commit began; the timeline's clock at the commit's end (its seconds, to
/// place the alert among the store stage's lines); and for the three steps in the lane (entered -> "raised before?"
/// answered, -> commit begun, -> committed) the thread's CPU and time queued for a core, in milliseconds (-1: the step
/// changed threads, or <c>NETWATCH_TIMELINE</c> is off). Written only
/// when the environment variable <see cref="Variable"/> names a file: a diagnostic, not a contract.
/// </summary>
public sealed class LaneTraceFile : IDisposable
{
    public const string Variable = "NETWATCH_ALERT_TRACE";
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private LaneTraceFile(string path) => _writer = new StreamWriter(path, append: true) { AutoFlush = true };

    /// <summary>The trace file the environment names, or null.</summary>
    public static LaneTraceFile? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? new LaneTraceFile(path) : null;

    public void Write(LaneTrace trace)
    {
        static string S(long ticks) => (ticks / (double)Stopwatch.Frequency).ToString("F6", CultureInfo.InvariantCulture);
        static string Ms(double ms) => ms.ToString("F3", CultureInfo.InvariantCulture);
        static string Split(Timeline.Mark from, Timeline.Mark to) => from.Tid != 0 && from.Tid == to.Tid
            ? $"{Ms((to.CpuNanoseconds - from.CpuNanoseconds) / 1e6)}\t{Ms((to.RunDelayNanoseconds - from.RunDelayNanoseconds) / 1e6)}"
            : "-1\t-1";
        var steps = trace.Steps;
        var times = string.Join('\t', S(trace.Batch.ReadAt), S(trace.Batch.ParsedAt), S(trace.Batch.EnrichedAt),
            S(trace.Entered), S(trace.Checked), S(trace.Stored), S(trace.Told),
            GC.GetTotalPauseDuration().TotalSeconds.ToString("F6", CultureInfo.InvariantCulture),
            S(steps.Asked), S(steps.Storing), steps.Committed.Seconds.ToString("F3", CultureInfo.InvariantCulture),
            Split(steps.Entered, steps.Checked), Split(steps.Checked, steps.Committing), Split(steps.Committing, steps.Committed));
        lock (_gate)
            foreach (var e in trace.Events)
                _writer.WriteLine($"{e.UserName ?? e.SourceUserName ?? "-"}\t{times}");
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
