using NetWatch.Core.Alerts;
using NodaTime;

namespace NetWatch.Service.Alerts;

/// <summary>
/// The service's <c>alerts:</c> settings (README, "Alerts"): grouping, the channels, out-of-hours and escalation
/// routing, and how delivery retries. Without an <c>alerts:</c> section alerts are still raised and stored, and go to
/// the live feed only.
/// </summary>
public sealed record AlertsSettings
{
    public static readonly AlertsSettings LiveFeedOnly = new();

    public AlertGrouping Grouping { get; init; } = AlertGrouping.Default;
    /// <summary>The base URL of the web app; messages link to <c>{Link}/alerts/{id}</c>. Null: no link.</summary>
    public string? Link { get; init; }
    public IReadOnlyList<EmailSettings> Email { get; init; } = [];
    public IReadOnlyList<WebhookSettings> Webhooks { get; init; } = [];
    public AlertRouting Routing { get; init; } = new([], [], null);
    /// <summary>The first retry waits this long, each next one twice as long, up to <see cref="RetryMax"/>.</summary>
    public Duration RetryFirst { get; init; } = Duration.FromSeconds(2);
    public Duration RetryMax { get; init; } = Duration.FromMinutes(5);
    /// <summary>
    /// The longest the outbox is left alone when nothing wakes the dispatcher and no retry or escalation check is due
    /// sooner (<see cref="AlertDispatcher"/>): a safety net, as every writer of notifications wakes it. Was 50 ms, a poll
    /// of two outbox queries 20 times a second, part of the idle service's CPU.
    /// </summary>
    public Duration Poll { get; init; } = Duration.FromSeconds(1);
    /// <summary>How often unacknowledged alerts are checked for escalation.</summary>
    public Duration EscalationCheck { get; init; } = Duration.FromSeconds(15);

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1 (exponential backoff).</summary>
    public Duration Backoff(int attempts)
    {
        var ticks = RetryFirst.BclCompatibleTicks * Math.Pow(2, Math.Min(attempts - 1, 30));
        return ticks >= RetryMax.BclCompatibleTicks ? RetryMax : Duration.FromTicks((long)ticks);
    }

    public string? LinkTo(string alertId) => Link is null ? null : $"{Link.TrimEnd('/')}/alerts/{alertId}";
}

/// <summary>A webhook channel's settings (<c>alerts.channels[n]</c> with <c>type: webhook</c>).</summary>
public sealed record WebhookSettings(string Name, string Url, string Format);
