using NodaTime;

namespace NetWatch.Storage.Contracts.Alerts;

/// <summary>
/// One notification to one recipient over one channel: its <see cref="Key"/> (notification key, channel, recipient)
/// is the idempotency key: a delivery marked delivered is never attempted again. Attempts and the next attempt
/// carry the backoff across restarts.
/// </summary>
public sealed record Delivery
{
    public required string Key { get; init; }
    public required string NotificationKey { get; init; }
    public required string AlertId { get; init; }
    public required int Version { get; init; }
    public required string Reason { get; init; }
    public required string Channel { get; init; }
    public required string Recipient { get; init; }
    public required Instant CreatedAt { get; init; }
    public int Attempts { get; init; }
    public Instant NextAttempt { get; init; }
    public Instant? DeliveredAt { get; init; }
    public string? LastError { get; init; }

    public static string KeyOf(string notificationKey, string channel, string recipient) => $"{notificationKey}/{channel}/{recipient}";
}
