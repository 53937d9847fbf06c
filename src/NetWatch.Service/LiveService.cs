using Microsoft.Extensions.Logging;
using NetWatch.Service.Alerts;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Storage.Contracts;

namespace NetWatch.Service;

/// <summary>
/// The live pipeline: the composition root (<see cref="Ingestion"/>) built from the configuration, each committed batch
/// recorded in the metrics. Stopping (the token) closes the sources and waits until the batches already read are
/// stored: a graceful stop loses nothing. A bad configuration fails in <see cref="Prepare"/>, before the store is created.
/// </summary>
public sealed class LiveService(ServiceConfig config, ServiceMetrics metrics, ILogger logger)
{
    public IngestionOptions Options { get; init; } = new();

    /// <summary>Checks and loads everything the configuration names (throws on a bad configuration); creates nothing.</summary>
    public Ingestion Prepare() => Ingestion.Prepare(config, Options with
    {
        Metrics = metrics,
        Logger = logger,
        Warn = message => logger.LogWarning("{Warning}", message),
    });

    /// <summary>Prepares, opens the store and runs until stopped (or, once, until every file is replayed).</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var ingestion = Prepare();
        using var store = ingestion.OpenStore();
        await RunAsync(ingestion, store, stop);
    }

    /// <summary>Runs a prepared pipeline into a store the caller opened (and shares, e.g. with the API).</summary>
    public async Task RunAsync(Ingestion ingestion, IStore store, CancellationToken stop)
    {
        metrics.FindingsWritten = () => ingestion.Findings?.Written ?? 0;
        metrics.AlertFastLane = () => ingestion.FastLane;
        metrics.SideFile = () => store.Side;
        metrics.StoreMemory = store.MemoryInUse;
        metrics.OpenVisitBytes = () => ingestion.Visits?.HeldBytes;
        using var trace = LaneTraceFile.FromEnvironment();
        ingestion.AlertsStoredAhead = trace is null ? metrics.RecordAlertAhead : t => { metrics.RecordAlertAhead(t); trace.Write(t); };
        await ingestion.RunAsync(store, metrics.Record, stop);
        logger.LogInformation("stopped: every batch read has been stored");
    }
}
