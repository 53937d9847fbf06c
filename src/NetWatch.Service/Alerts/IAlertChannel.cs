namespace NetWatch.Service.Alerts;

/// <summary>
/// A way of delivering a notification (e-mail, a webhook, the live feed). <see cref="SendAsync"/> throws when the
/// delivery failed (it is retried with backoff); <paramref name="idempotencyKey"/> goes with the message (a Message-ID,
/// an Idempotency-Key header), so a receiver can tell a resend after a crash from a new notification.
/// </summary>
public interface IAlertChannel
{
    string Name { get; }

    Task SendAsync(AlertMessage message, string recipient, string idempotencyKey, CancellationToken cancellationToken);
}
