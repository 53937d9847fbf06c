using NetWatch.Core.Alerts;
using NodaTime;

namespace NetWatch.Storage.Contracts.Alerts;

/// <summary>
/// The durable outbox. Notifications are written with the batch that raised them (or by the escalation timer);
/// the dispatcher routes each into deliveries once, then delivers each delivery until it is marked delivered.
/// Every step is idempotent by key, so a crash at any point and a restart deliver each delivery once (at most the
/// one in flight at the crash is sent again; channels pass its key on so receivers can tell).
/// </summary>
public interface IAlertOutbox
{
    /// <summary>Adds a notification unless one with its key is stored; true when added.</summary>
    Task<bool> AddNotificationAsync(AlertNotification notification, CancellationToken cancellationToken);

    /// <summary>Notifications not yet routed, oldest first.</summary>
    Task<IReadOnlyList<AlertNotification>> UnroutedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Stores a notification's deliveries (ignoring keys already stored) and marks it routed, together.</summary>
    Task RouteAsync(AlertNotification notification, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken);

    /// <summary>Deliveries not yet delivered whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<Delivery>> DueAsync(Instant now, int limit, CancellationToken cancellationToken);

    /// <summary>When the next undelivered delivery is due, or null when none waits.</summary>
    Task<Instant?> NextDueAsync(CancellationToken cancellationToken);

    Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken);

    Task MarkFailedAsync(string key, int attempts, Instant nextAttempt, string error, CancellationToken cancellationToken);

    /// <summary>Every delivery of an alert (for the triage view and tests).</summary>
    Task<IReadOnlyList<Delivery>> DeliveriesAsync(string alertId, CancellationToken cancellationToken);
}
