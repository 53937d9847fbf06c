using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using NetWatch.Api.Auth;
using NetWatch.Api.Hosting;
using NetWatch.Api.Metrics;
using NetWatch.Pipeline.Stages;
using NetWatch.Service.Alerts;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Service.Privacy;
using NetWatch.Service.Reports;
using NetWatch.Storage;
using NetWatch.Web.Hosting;
using NodaTime;

namespace NetWatch.Service;

/// <summary>
/// <c>netwatch run</c>: the pipeline as a hosted service on the API's ASP.NET Core host (Kestrel: the API, /metrics
/// and /healthz), both over ONE opened store (DuckDB lets one process open it). Console logs (one JSON object per
/// line with logging.format json); SIGTERM and Ctrl+C stop it gracefully (sources closed, batches in flight stored).
/// </summary>
public static class ServiceHost
{
    /// <summary>Runs until stopped (or, with Once, until every file is replayed). Returns the exit code: 0, 2 for a bad configuration, or 1 on failure.</summary>
    public static async Task<int> RunAsync(ServiceConfig config, IngestionOptions options, CancellationToken cancel)
    {
        var metrics = options.Metrics;
        if (!config.Once) ThreadPoolFloor.Raise();   // the live service: replays have no feed to keep waiting
        using var samples = NetWatch.Core.Diagnostics.MemorySamples.Start();   // NETWATCH_MEMORY_SAMPLES: what the memory is made of, each second
        using var loggers = LoggerFactory.Create(logging => Logging(logging, config));
        var logger = loggers.CreateLogger<LiveService>();
        var service = new LiveService(config, metrics, logger) { Options = options };
        Ingestion ingestion;
        try
        {
            // Everything is checked before anything is created: the store and the pseudonym secret come after.
            ingestion = service.Prepare();
        }
        catch (Exception ex) when (ex is ConfigException or ReferenceDataException or StageOrderException)
        {
            logger.LogError("bad configuration: {Message}", ex.Message);
            return 2;
        }
        // The live service's memory plan, once the configuration has loaded (a replay, like an import, has none).
        if (config.Memory is { } memory && !config.Once)
        {
            try
            {
                var plan = ManagedHeapLimit.Apply(memory);
                metrics.MemoryPlan = plan;
                logger.LogInformation("{Plan}; the GC's limit {Limit} MB", plan, ManagedHeapLimit.Current >> 20);
            }
            catch (ConfigException ex)
            {
                ingestion.Dispose();
                logger.LogError("bad configuration: {Message}", ex.Message);
                return 2;
            }
        }
        using (ingestion)
        {
            try
            {
                // DuckDB's own WAL threshold decides the checkpoints: checkpointing each row group in the live service
                // made the alert latency worse at 10,000 lines/s on a quiet machine (p99 5.6 s and 1.7 s against 1.2 s
                // twice, bench/results/alerts-latency-2026-12-02-session9.txt), so the option stays off here.
                using var store = DuckDbStore.Open(config.Store, memoryLimit: config.StoreMemory, checkpointEachRowGroup: false,
                    sideFileWal: config.Once ? null : config.SideFileWal); // a replay keeps DuckDB's own checkpoints
                var api = ApiConfigReader.WithSecret(config.Api, config.Store);
                var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
                Logging(builder.Logging, config);
                builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
                builder.WebHost.UseNetWatchKestrel(api);
                builder.Services.AddSingleton(new ApiMetrics(metrics.Registry));
                builder.Services.AddNetWatchApi(api);
                builder.Services.AddNetWatchStore(store, store.Accounts);
                builder.Services.AddNetWatchWeb(WebAppSettings.From(config, ingestion, metrics));
                builder.Services.AddHealthChecks().AddCheck<PipelineHealthCheck>(PipelineHealthCheck.Name);
                builder.Services.AddSingleton(metrics);
                builder.Services.AddSingleton(service);
                builder.Services.AddSingleton(ingestion);
                builder.Services.AddSingleton<Storage.Contracts.IStore>(store);
                // DSL alerts: the live feed for the API and the outbox's dispatcher; a committed alert is handed to it.
                builder.Services.AddNetWatchAlerts(config.Alerts, store, ingestion.Policy, committed => ingestion.AlertsCommitted = committed);
                builder.Services.AddNetWatchPrivacy(config);   // the daily retention job and the notice's facts
                builder.Services.AddNetWatchReports(config.Reports, ingestion.Policy?.TimeZone ?? DateTimeZoneProviders.Tzdb["Europe/London"]);   // the weekly SLT e-mail
                builder.Services.AddSingleton<LiveHostedService>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveHostedService>());
                await using var app = builder.Build();
                app.MapNetWatchApi();
                app.MapNetWatchWeb();
                var hosted = app.Services.GetRequiredService<LiveHostedService>();
                await app.StartAsync(cancel);
                var address = ApiHost.Address(app);
                logger.LogInformation("the web app, the API, /metrics and /healthz on {Url}", address);
                // The CLI finds the service (and reads through it) from the store directory while it holds the store.
                var serviceFile = new ServiceFile(ServiceFile.ClientUrl(address), app.Services.GetRequiredService<LocalAccess>().Token, Environment.ProcessId);
                serviceFile.Write(config.Store);
                try
                {
                    await app.WaitForShutdownAsync(cancel); // then stops the host: the pipeline stores what it read, Kestrel closes
                }
                finally
                {
                    serviceFile.Remove(config.Store);
                }
                return hosted.ExitCode;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "the service failed: {Message}", ex.Message);
                return 1;
            }
        }
    }

    private static void Logging(ILoggingBuilder logging, ServiceConfig config)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (config.JsonLogs) logging.AddJsonConsole(o => o.IncludeScopes = false);
        else logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
