using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetWatch.Pipeline.Stages;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;

namespace NetWatch.Service;

/// <summary>Runs <see cref="LiveService"/> and the health server under the generic host; ends the host when the service ends.</summary>
internal sealed class LiveHostedService(ServiceConfig config, IngestionOptions options, ServiceMetrics metrics, IHostApplicationLifetime lifetime, ILogger<LiveService> logger)
    : BackgroundService
{
    public int ExitCode { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var health = config.HttpPort == 0 ? null : new HealthServer(metrics, config.HttpBind, config.HttpPort, logger);
        try
        {
            health?.Start();
            if (health is not null) logger.LogInformation("health on {Url}metrics and {Url}healthz", health.Url, health.Url);
            await new LiveService(config, metrics, logger) { Options = options }.RunAsync(stoppingToken);
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
