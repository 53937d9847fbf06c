using Microsoft.Extensions.Logging;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NodaTime;

namespace NetWatch.Service.Alerts;

/// <summary>
/// Delivers the outbox (issue 15, item 4): routes each committed notification into deliveries (channel × recipient,
/// by <see cref="AlertRouter"/>, out of hours as the policy's calendar says), delivers each until it is recorded as
/// delivered, retrying with exponential backoff, and raises escalations of severe alerts nobody acknowledged. Every
/// step is recorded in the store, so a restart resumes where the last run stopped. It reads and writes the alert
/// tables on connections of its own: it never waits for the pipeline's bulk event commits.
/// </summary>
public sealed class AlertDispatcher(
    AlertsSettings settings, IAlertStore alerts, IAlertOutbox outbox, IReadOnlyList<IAlertChannel> channels, SchoolHours hours,
    IClock clock, ILogger logger)
{
    private readonly Dictionary<string, IAlertChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly LiveChannel? _live = channels.OfType<LiveChannel>().FirstOrDefault();
    /// <summary>The next attempt of a delivery that can never be made (recorded with its reason, never retried).</summary>
    private static readonly Instant Never = Instant.FromUtc(9999, 1, 1, 0, 0);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private Instant _nextEscalationCheck = Instant.MinValue;

    /// <summary>Deliveries made and failed attempts so far.</summary>
    public long Delivered { get; private set; }
    public long Failures { get; private set; }

    /// <summary>
    /// Notifications the pipeline has just committed (with the alerts' latest versions): published on the live feed at
    /// once, from memory, without waiting for the outbox pass (which reads and writes the store and so lags behind
    /// the bulk commits by hundreds of milliseconds under load); then the outbox pass is woken for every channel. The
    /// pass records the live delivery as delivered and does not publish it again (<see cref="LiveChannel"/>).
    /// </summary>
    public void Committed(AlertChanges changes)
    {
        if (_live is not null)
        {
            var alerts = changes.Alerts.ToDictionary(a => a.Id, StringComparer.Ordinal);
            foreach (var n in changes.Notifications)
            {
                if (!alerts.TryGetValue(n.AlertId, out var alert)) continue;
                foreach (var route in AlertRouter.Routes(settings.Routing, n, outOfHours: false).Where(r => r.Channel == _live.Name))
                    _live.PublishOnce(new AlertMessage(alert, n, settings.LinkTo(alert.Id)).FeedItem(Delivery.KeyOf(n.Key, route.Channel, route.Recipient)));
            }
        }
        Wake();
    }

    /// <summary>Look at the outbox now (new notifications were committed).</summary>
    public void Wake()
    {
        try { _wake.Release(); } catch (SemaphoreFullException) { /* already awake */ }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stop);
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                logger.LogWarning("alert delivery: {Message}; trying again", ex.Message);
            }
            try { await _wake.WaitAsync(await UntilNextPassAsync(stop), stop); }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>
    /// How long <see cref="RunAsync"/> leaves the outbox alone after a pass: until it is woken (every writer of
    /// notifications wakes it: the store stage's commits and the fast lane through <see cref="Committed"/>, the
    /// escalations this dispatcher raises itself), the earliest retry due, the next escalation check, or at most
    /// <see cref="AlertsSettings.Poll"/>. A fixed 50 ms poll ran two outbox queries on fresh connections 20 times a
    /// second whether anything was there or not (the service idle: 4.4 -> 2.4 s of CPU a minute, one pair at load 16-17,
    /// bench/results/small-2026-12-05-session26.txt).
    /// </summary>
    public async Task<TimeSpan> UntilNextPassAsync(CancellationToken stop)
    {
        var until = settings.Poll;
        try
        {
            var now = clock.GetCurrentInstant();
            if (await outbox.NextDueAsync(stop) is { } due && due - now < until) until = due - now;
            if (settings.Routing.Escalation is not null && _nextEscalationCheck - now < until) until = _nextEscalationCheck - now;
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            logger.LogWarning("alert delivery: {Message}; trying again", ex.Message);
        }
        return until > Duration.Zero ? until.ToTimeSpan() : TimeSpan.Zero;
    }

    /// <summary>One pass: route what is new, raise due escalations, deliver what is due. Returns the deliveries made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await RouteAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        if (settings.Routing.Escalation is not null && now >= _nextEscalationCheck)
        {
            _nextEscalationCheck = now + settings.EscalationCheck;
            if (await EscalateAsync(now, cancellationToken) > 0) await RouteAsync(cancellationToken);
        }
        return await DeliverAsync(cancellationToken);
    }

    private async Task RouteAsync(CancellationToken cancellationToken)
    {
        foreach (var n in await outbox.UnroutedAsync(500, cancellationToken))
        {
            var now = clock.GetCurrentInstant();
            var routes = AlertRouter.Routes(settings.Routing, n, hours.IsOutOfHours(n.At)).Where(r => _channels.ContainsKey(r.Channel));
            var deliveries = routes.Select(r => new Delivery
            {
                Key = Delivery.KeyOf(n.Key, r.Channel, r.Recipient), NotificationKey = n.Key, AlertId = n.AlertId, Version = n.Version,
                Reason = n.Reason, Channel = r.Channel, Recipient = r.Recipient, CreatedAt = now, NextAttempt = now,
            }).ToList();
            await outbox.RouteAsync(n, deliveries, cancellationToken);
        }
    }

    private async Task<int> EscalateAsync(Instant now, CancellationToken cancellationToken)
    {
        var rule = settings.Routing.Escalation!;
        var raised = 0;
        var open = await alerts.ListAsync(new AlertQuery { Status = AlertStatus.New, MinSeverity = rule.MinSeverity, Limit = 1000 }, cancellationToken);
        foreach (var a in open.Where(a => AlertRouter.EscalationDue(a, rule, now)))
            if (await outbox.AddNotificationAsync(new AlertNotification(a.Id, a.Version, AlertNotification.Escalation, a.Severity, now), cancellationToken))
                raised++;
        return raised;
    }

    private async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(clock.GetCurrentInstant(), 500, cancellationToken);
        if (due.Count == 0) return 0;
        var cache = new Dictionary<string, Alert?>(StringComparer.Ordinal);
        foreach (var id in due.Select(d => d.AlertId).Distinct()) cache[id] = await alerts.GetAsync(id, cancellationToken);
        // Channels side by side: an SMTP server that hangs does not hold the live feed or the webhooks back.
        var done = await Task.WhenAll(due.GroupBy(d => d.Channel).Select(async group =>
        {
            var delivered = 0;
            foreach (var d in group)
                if (await DeliverAsync(d, cache[d.AlertId], cancellationToken)) delivered++;
            return delivered;
        }));
        return done.Sum();
    }

    private async Task<bool> DeliverAsync(Delivery d, Alert? alert, CancellationToken cancellationToken)
    {
        if (alert is null || !_channels.TryGetValue(d.Channel, out var channel))
        {
            // The alert went (retention) or the channel is no longer configured: nothing can be sent; recorded, not retried.
            await outbox.MarkFailedAsync(d.Key, d.Attempts + 1, Never, alert is null ? "the alert is no longer stored" : $"channel '{d.Channel}' is not configured", cancellationToken);
            return false;
        }
        var notification = new AlertNotification(d.AlertId, d.Version, d.Reason, alert.Severity, d.CreatedAt);
        try
        {
            await channel.SendAsync(new AlertMessage(alert, notification, settings.LinkTo(alert.Id)), d.Recipient, d.Key, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var attempts = d.Attempts + 1;
            Failures++;
            await outbox.MarkFailedAsync(d.Key, attempts, clock.GetCurrentInstant() + settings.Backoff(attempts), ex.Message, cancellationToken);
            logger.LogWarning("alert delivery on {Channel} failed (attempt {Attempts}): {Message}", d.Channel, attempts, ex.Message);
            return false;
        }
        await outbox.MarkDeliveredAsync(d.Key, clock.GetCurrentInstant(), cancellationToken);
        Delivered++;
        return true;
    }
}
