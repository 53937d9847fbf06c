using System.Collections.Concurrent;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Stages;

namespace NetWatch.Service.Metrics;

/// <summary>Everything /metrics and /healthz report: per-source figures, batch latency, and whether the pipeline runs.</summary>
public sealed class ServiceMetrics
{
    public ConcurrentDictionary<string, SourceMetrics> Sources { get; } = new(StringComparer.Ordinal);
    public LatencyHistogram BatchLatency { get; } = new();
    public volatile bool Running;
    private long _findingsWritten;

    /// <summary>Findings written (each periodic store of the findings so far counts them all again).</summary>
    public long FindingsWritten => Interlocked.Read(ref _findingsWritten);
    public volatile string? Failure;

    public SourceMetrics Add(string name, string kind) => Sources.GetOrAdd(name, n => new SourceMetrics(n, kind));

    public void Record(StoredBatch stored)
    {
        var source = stored.Batch.Position?.Source ?? stored.Batch.Source;
        if (source == EnrichStage.FlushSource) Interlocked.Add(ref _findingsWritten, stored.Batch.Events.Count);
        if (Sources.TryGetValue(source, out var metrics)) metrics.Add(stored.Batch, stored.Stored);
        BatchLatency.Observe(stored.Latency);
    }
}
