using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace NetWatch.Core.Diagnostics;

/// <summary>
/// Why the runtime collected and what it allocated, for benchmarks only: off unless the environment variable
/// <c>NETWATCH_GC_EVENTS</c> is set, and then the runtime's own GC events, read in process: collections by generation,
/// reason and type (blocking, background), the pauses they took (suspension to restart), the bytes each generation
/// promoted, over time (<see cref="GcTimeline"/>: per 10 s window), and (with <c>NETWATCH_GC_EVENTS=alloc</c>) the allocation samples by type (one each ~100 KB allocated).
/// Read with <see cref="Report"/>. Counting costs little; the allocation samples add a few percent.
/// </summary>
public sealed class GcEvents : EventListener
{
    public static readonly string? Setting = Environment.GetEnvironmentVariable("NETWATCH_GC_EVENTS") is { Length: > 0 } v && v != "0" ? v : null;

    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly bool _allocations = Setting == "alloc";
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentDictionary<string, long> _allocated = new();
    private int _lastDepth;
    private DateTime _suspended;
    private readonly double[] _pauseSeconds = new double[3];
    private readonly double[] _longestPause = new double[3];
    private long _promoted0, _promoted1;
    private readonly GcTimeline _timeline = new(DateTime.UtcNow);

    /// <summary>Starts listening when enabled (null when not).</summary>
    public static GcEvents? Start() => Setting is null ? null : new GcEvents();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, _allocations ? EventLevel.Verbose : EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventName)
        {
            case "GCStart_V2":
                _lastDepth = Math.Clamp(Convert.ToInt32(Value(e, "Depth")), 0, 2);
                _counts.AddOrUpdate($"gen{_lastDepth} reason {Value(e, "Reason")} type {Value(e, "Type")}", 1, (_, n) => n + 1);
                _timeline.Started(e.TimeStamp, _lastDepth, Convert.ToInt32(Value(e, "Reason")), Convert.ToInt32(Value(e, "Type")));
                break;
            case "GCSuspendEEBegin_V1":
                _suspended = e.TimeStamp;
                break;
            case "GCRestartEEEnd_V1":
                if (_suspended != default)
                {
                    var pause = (e.TimeStamp - _suspended).TotalSeconds;
                    _pauseSeconds[_lastDepth] += pause;
                    _longestPause[_lastDepth] = Math.Max(_longestPause[_lastDepth], pause);
                    _timeline.Paused(e.TimeStamp, pause);
                }
                _suspended = default;
                break;
            case "GCHeapStats_V2":
                _promoted0 += Convert.ToInt64(Value(e, "TotalPromotedSize0"));
                _promoted1 += Convert.ToInt64(Value(e, "TotalPromotedSize1"));
                break;
            case var name when name?.StartsWith("GCGlobalHeapHistory", StringComparison.Ordinal) == true:
                if (Value(e, "MemoryPressure") is { } load) _timeline.MemoryLoad(e.TimeStamp, Convert.ToInt32(load));
                break;
            case "GCAllocationTick_V4" when _allocations:
                var kind = Convert.ToInt32(Value(e, "AllocationKind")) == 1 ? "large " : "";
                _allocated.AddOrUpdate(kind + Value(e, "TypeName"), Convert.ToInt64(Value(e, "AllocationAmount64")), (_, n) => n + Convert.ToInt64(Value(e, "AllocationAmount64")));
                break;
        }
    }

    /// <summary>The runtime's effective GC settings that decide the generations' budgets (what runtimeconfig or the environment set).</summary>
    private static string Settings()
    {
        var variables = GC.GetConfigurationVariables();
        string[] names = ["ServerGC", "ConcurrentGC", "HeapCount", "GCGen0MaxBudget", "GCgen0size", "GCConserveMem", "GCDynamicAdaptationMode"];
        return string.Join(", ", names.Where(variables.ContainsKey).Select(n => $"{n}={variables[n]}")) +
               $", latency {System.Runtime.GCSettings.LatencyMode}";
    }

    private static object? Value(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames?.IndexOf(name) ?? -1;
        return i < 0 ? null : e.Payload![i];
    }

    /// <summary>
    /// Lines for standard error: the GC's settings as the runtime took them, collections, pauses by generation (total and
    /// longest), promotion, the top allocating types.
    /// </summary>
    public string Report() => string.Join(Environment.NewLine,
        _counts.OrderBy(c => c.Key).Select(c => $"gc    {c.Key,-38} {c.Value,6} collections")
            .Prepend($"gc    settings: {Settings()}")
            .Append($"gc    pauses: gen0 {_pauseSeconds[0]:F2} s, gen1 {_pauseSeconds[1]:F2} s, gen2 {_pauseSeconds[2]:F2} s " +
                    $"(longest {_longestPause[0] * 1000:F0} / {_longestPause[1] * 1000:F0} / {_longestPause[2] * 1000:F0} ms; " +
                    $"runtime total {GC.GetTotalPauseDuration().TotalSeconds:F2} s); " +
                    $"promoted gen0->1 {_promoted0 >> 20} MB, gen1->2 {_promoted1 >> 20} MB")
            .Concat(_timeline.Lines())
            .Concat(_allocated.OrderByDescending(a => a.Value).Take(25).Select(a => $"alloc {a.Key,-60} {a.Value >> 20,8} MB sampled")));
}
