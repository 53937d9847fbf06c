using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetWatch.Pipeline.Stages;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Storage.Contracts;

namespace NetWatch.Service;

/// <summary>Runs the prepared pipeline under the API's host, into the store the API reads; ends the host when the pipeline ends.</summary>
internal sealed class LiveHostedService(LiveService service, Ingestion ingestion, IStore store, ServiceMetrics metrics,
    IHostApplicationLifetime lifetime, ILogger<LiveService> logger) : BackgroundService
{
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await service.RunAsync(ingestion, store, stoppingToken);
        }
        catch (Exception ex) when (ex is ConfigException or ReferenceDataException or StageOrderException)
        {
            metrics.Failure = ex.Message;
            logger.LogError("bad configuration: {Message}", ex.Message);
            ExitCode = 2;
        }
        catch (Exception ex)
        {
            metrics.Failure = ex.Message;
            logger.LogError(ex, "the service failed: {Message}", ex.Message);
            ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
