using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Alerts;
using NetWatch.Core.Policy;
using NetWatch.Storage.Contracts;
using NodaTime;

namespace NetWatch.Service.Alerts;

/// <summary>Builds the dispatcher and its channels from the settings, and registers them on the service's host.</summary>
public static class AlertDelivery
{
    /// <summary>The dispatcher over <paramref name="store"/>: the configured e-mail and webhook channels and the live feed.</summary>
    public static AlertDispatcher Create(AlertsSettings settings, IStore store, SchoolPolicy? policy, AlertFeed feed, HttpClient http, IClock clock, ILogger logger)
    {
        var channels = new List<IAlertChannel> { new LiveChannel(feed) };
        channels.AddRange(settings.Email.Select(e => new EmailChannel(e)));
        channels.AddRange(settings.Webhooks.Select(w => new WebhookChannel(w.Name, w.Format, http)));
        return new AlertDispatcher(settings, store.Alerts, store.Outbox, channels, new SchoolHours(policy, policy?.AlertHoursRole), clock, logger);
    }

    /// <summary>
    /// The live feed (<see cref="IAlertFeed"/>, for the API's SSE route) and the dispatcher as a hosted service; the
    /// pipeline's <paramref name="committed"/> hook is pointed at it so a committed alert is on the live feed at once
    /// and delivered on the other channels without waiting for a poll.
    /// </summary>
    public static IServiceCollection AddNetWatchAlerts(this IServiceCollection services, AlertsSettings? settings, IStore store,
        SchoolPolicy? policy, Action<Action<AlertChanges>> committed)
    {
        var feed = new AlertFeed();
        services.AddSingleton(feed);
        services.AddSingleton<IAlertFeed>(feed);
        services.AddSingleton(sp =>
        {
            var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var dispatcher = Create(settings ?? AlertsSettings.LiveFeedOnly, store, policy, feed, http,
                sp.GetService<IClock>() ?? SystemClock.Instance, sp.GetRequiredService<ILoggerFactory>().CreateLogger("NetWatch.Alerts"));
            committed(dispatcher.Committed);
            return dispatcher;
        });
        services.AddHostedService<AlertDeliveryService>();
        return services;
    }
}

/// <summary>Runs the dispatcher for as long as the service runs.</summary>
internal sealed class AlertDeliveryService(AlertDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
