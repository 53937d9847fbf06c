using System.Collections.Concurrent;
using NetWatch.Pipeline.Flows;
using Prometheus;

namespace NetWatch.Service.Metrics;

/// <summary>
/// Everything /metrics and /healthz report: per-source figures, batch latency, and whether the pipeline runs. The
/// figures live on <see cref="Registry"/>, which the API host serves at /metrics (<see cref="PrometheusExport"/>).
/// </summary>
public sealed class ServiceMetrics
{
    public ServiceMetrics()
    {
        BatchLatency = PrometheusExport.BatchLatency(Registry);
        (AlertReadToLane, AlertInLane) = PrometheusExport.AlertLane(Registry);
        PrometheusExport.Register(this, Registry);
        MemoryGauges.Register(this, Registry);
    }

    /// <summary>The prometheus-net registry of this process's figures (not the library's static one: tests run several services in one process).</summary>
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public ConcurrentDictionary<string, SourceMetrics> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Time from reading a batch to committing it, observed as each batch is committed.</summary>
    public Histogram BatchLatency { get; }

    /// <summary>The alerts' fast lane, per entry: from reading its lines to the lane, and in the lane until stored (then told).</summary>
    public Histogram AlertReadToLane { get; }
    public Histogram AlertInLane { get; }

    public void RecordAlertAhead(Pipeline.Observers.LaneTrace trace)
    {
        AlertReadToLane.Observe(trace.SinceRead.TotalSeconds);
        AlertInLane.Observe(trace.InLane.TotalSeconds);
    }

    public volatile bool Running;
    /// <summary>Findings written (each version of a finding counted), from the findings observer.</summary>
    public Func<long> FindingsWritten { get; set; } = () => 0;
    /// <summary>The alerts' fast lane, when the service has one (its entries stored, events waiting for the bulk writes).</summary>
    public Func<Pipeline.Observers.AlertFastLane?> AlertFastLane { get; set; } = () => null;
    /// <summary>The store's side file, when the service commits there while the main file checkpoints.</summary>
    public Func<Storage.Contracts.Writing.ISideFile?> SideFile { get; set; } = () => null;
    /// <summary>The live service's memory plan under <c>memory:</c> (null: no setting, or a replay).</summary>
    public Pipeline.LiveMemoryPlan? MemoryPlan { get; set; }
    /// <summary>The store engine's memory in this process (null: none here, e.g. a remote store).</summary>
    public Func<long?> StoreMemory { get; set; } = () => null;
    /// <summary>What the open visits take on the managed heap, as estimated (null: no visits observer).</summary>
    public Func<long?> OpenVisitBytes { get; set; } = () => null;
    public volatile string? Failure;

    public SourceMetrics Add(string name, string kind) => Sources.GetOrAdd(name, n => new SourceMetrics(n, kind));

    public void Record(StoredBatch stored)
    {
        var source = stored.CheckpointSource ?? stored.Batch.Source;
        if (Sources.TryGetValue(source, out var metrics)) metrics.Add(stored.Batch, stored.Stored, stored.EventCount);
        BatchLatency.Observe(stored.Latency.TotalSeconds);
    }
}
