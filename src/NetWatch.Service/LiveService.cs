using Microsoft.Extensions.Logging;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;

namespace NetWatch.Service;

/// <summary>
/// The live pipeline: the composition root (<see cref="Ingestion"/>) built from the configuration, each committed batch
/// recorded in the metrics. Stopping (the token) closes the sources and waits until the batches already read are
/// stored: a graceful stop loses nothing. A bad configuration fails in <see cref="Ingestion.Prepare"/>, before the store is created.
/// </summary>
public sealed class LiveService(ServiceConfig config, ServiceMetrics metrics, ILogger logger)
{
    public IngestionOptions Options { get; init; } = new();

    public async Task RunAsync(CancellationToken stop)
    {
        using var ingestion = Ingestion.Prepare(config, Options with
        {
            Metrics = metrics,
            Logger = logger,
            Warn = message => logger.LogWarning("{Warning}", message),
        });
        metrics.FindingsWritten = () => ingestion.Findings?.Written ?? 0;
        await ingestion.RunAsync(metrics.Record, stop);
        logger.LogInformation("stopped: every batch read has been stored");
    }
}
