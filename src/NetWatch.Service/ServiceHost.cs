using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;

namespace NetWatch.Service;

/// <summary>
/// <c>netwatch run</c> on the generic host: console logs (one JSON object per line with logging.format json),
/// SIGTERM and Ctrl+C stop it gracefully (sources closed, batches in flight stored).
/// </summary>
public static class ServiceHost
{
    /// <summary>Runs until stopped (or, with Once, until every file is replayed). Returns the exit code: 0, or 1 on failure.</summary>
    public static async Task<int> RunAsync(ServiceConfig config, IngestionOptions options, CancellationToken cancel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        if (config.JsonLogs) builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        else builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddSingleton<LiveHostedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveHostedService>());
        var host = builder.Build();
        var service = host.Services.GetRequiredService<LiveHostedService>();
        await host.RunAsync(cancel); // disposes the host
        return service.ExitCode;
    }
}
