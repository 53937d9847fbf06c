using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>
/// Alertmanager's grouping, as NetWatch applies it: matches with the same group key (school, subject, theme) within
/// <see cref="Window"/> of an open alert's first or last match update that alert; a higher severity re-notifies at
/// once; an open alert that keeps matching is notified again every <see cref="RepeatInterval"/> (event time).
/// There is no group wait: a safeguarding match is told at once, and later matches grow the same alert.
/// </summary>
public sealed record AlertGrouping(Duration Window, Duration RepeatInterval)
{
    public static readonly AlertGrouping Default = new(Duration.FromMinutes(15), Duration.FromHours(4));
}

/// <summary>What a batch of matches did: the alerts it created or changed (latest state) and the notifications due.</summary>
public sealed record AlertChanges(IReadOnlyList<Alert> Alerts, IReadOnlyList<AlertNotification> Notifications)
{
    public static readonly AlertChanges None = new([], []);
}
