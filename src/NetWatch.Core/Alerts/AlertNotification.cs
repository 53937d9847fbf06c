using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// Something to tell people about an alert: its version and why (new, severity raised, repeat, escalation). It is
/// written with the batch that caused it (an outbox row) and routed to channels and recipients afterwards; its key
/// with a channel and a recipient is the idempotency key of one delivery.
/// </summary>
public sealed record AlertNotification(string AlertId, int Version, string Reason, int Severity, Instant At)
{
    public const string New = "new";
    public const string SeverityRaised = "severity-raised";
    public const string Repeat = "repeat";
    public const string Escalation = "escalation";

    public string Key => $"{AlertId}/{Version}/{Reason}";
}
