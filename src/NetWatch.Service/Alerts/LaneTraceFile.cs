using System.Diagnostics;
using System.Globalization;
using NetWatch.Pipeline.Observers;

namespace NetWatch.Service.Alerts;

/// <summary>
/// The fast lane's hops per raised event, one tab-separated line each, for the alert latency benchmark
/// (bench/alerts_latency.py matches them to its lines by user name): user, then the seconds on the monotonic clock
/// (CLOCK_MONOTONIC on Linux, as Python's time.monotonic) at which the event's lines were read, parsed, enriched,
/// entered the lane, had the "raised before?" answer, were stored in the lane and told on the live feed; last, the
/// process's garbage-collection pauses so far (seconds, <see cref="GC.GetTotalPauseDuration"/>), so the benchmark can
/// say how much of an alert's time the runtime was paused. Written only
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
        var times = string.Join('\t', S(trace.Batch.ReadAt), S(trace.Batch.ParsedAt), S(trace.Batch.EnrichedAt),
            S(trace.Entered), S(trace.Checked), S(trace.Stored), S(trace.Told),
            GC.GetTotalPauseDuration().TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
        lock (_gate)
            foreach (var e in trace.Events)
                _writer.WriteLine($"{e.UserName ?? e.SourceUserName ?? "-"}\t{times}");
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }
}
