using NetWatch.Core.Alerts;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Contracts.Alerts;

/// <summary>
/// The alerts' fast lane (issue 15: alerts must not wait behind the bulk event writes). An event that raises an alert
/// is stored at once with the alert versions and notifications it caused, as one small unit of work of its own that
/// never waits for the bulk writes (nor, in DuckDB, for their checkpoints), so the alert can be told as soon as it is
/// durable. The bulk write session that later stores the same event takes the alert rows over
/// (<see cref="Writing.IWriteSession.WriteAlertsAsync"/>) and, once it has committed, the lane forgets them
/// (<see cref="SettleAsync"/>). What a crash leaves in the lane is read back by <see cref="PendingAsync"/> and
/// stored by the next run's first write session, before anything new.
/// </summary>
public interface IAlertFastLane
{
    /// <summary>
    /// Opens the lane (creating what it stores into when missing) and readies its read of the store, so that the first
    /// alert after a start does not pay for them; the live service calls it before its first batch.
    /// </summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Stores an entry durably in a unit of work of its own; returns its sequence number (increasing).</summary>
    Task<long> StoreAsync(FastLaneEntry entry, CancellationToken cancellationToken);

    /// <summary>Everything stored and not settled, as one entry in the order stored (after a crash: what the bulk writes never took over).</summary>
    Task<FastLaneEntry> PendingAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the entries up to <paramref name="sequence"/>: the bulk writes have committed them.</summary>
    Task SettleAsync(long sequence, CancellationToken cancellationToken);

    /// <summary>Of these events, those the bulk writes have already stored (a line read twice raises nothing twice).</summary>
    Task<IReadOnlySet<EventId>> StoredAmongAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken);
}

/// <summary>Events that raised alerts, with the alert versions (in order) and notifications they caused; <see cref="Sequence"/> is the lane's number for it (the highest when several are read back as one).</summary>
public sealed record FastLaneEntry(IReadOnlyList<NetEvent> Events, IReadOnlyList<Alert> Alerts, IReadOnlyList<AlertNotification> Notifications, long Sequence = 0)
{
    public static readonly FastLaneEntry Empty = new([], [], []);

    public bool IsEmpty => Events.Count == 0 && Alerts.Count == 0 && Notifications.Count == 0;
}
