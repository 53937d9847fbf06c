using System.Collections.Concurrent;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Service.Metrics;

/// <summary>Everything /metrics and /healthz report: per-source figures, batch latency, and whether the pipeline runs.</summary>
public sealed class ServiceMetrics
{
    public ConcurrentDictionary<string, SourceMetrics> Sources { get; } = new(StringComparer.Ordinal);
    public LatencyHistogram BatchLatency { get; } = new();
    public volatile bool Running;
    /// <summary>Findings written (each version of a finding counted), from the findings observer.</summary>
    public Func<long> FindingsWritten { get; set; } = () => 0;
    public volatile string? Failure;

    public SourceMetrics Add(string name, string kind) => Sources.GetOrAdd(name, n => new SourceMetrics(n, kind));

    public void Record(StoredBatch stored)
    {
        var source = stored.CheckpointSource ?? stored.Batch.Source;
        if (Sources.TryGetValue(source, out var metrics)) metrics.Add(stored.Batch, stored.Stored);
        BatchLatency.Observe(stored.Latency);
    }
}
