using NetWatch.Core.Alerts;
using NodaTime;

namespace NetWatch.Storage.Contracts.Alerts;

/// <summary>
/// The DSL's alerts and suppressions. The pipeline writes alerts through its write session
/// (<see cref="Writing.IWriteSession.WriteAlertsAsync"/>); this side reads them and keeps the triage part (status,
/// outcome, assignee, notes), which the pipeline's writes never overwrite.
/// </summary>
public interface IAlertStore
{
    Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<Alert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Alerts not closed last seen at or after <paramref name="from"/> (what grouping continues after a restart).</summary>
    Task<IReadOnlyList<Alert>> OpenSinceAsync(Instant from, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="ids"/>, those the DSL has closed.</summary>
    Task<IReadOnlySet<string>> ClosedAmongAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Stores the triage part of <paramref name="alert"/> (status, outcome, assignee, notes); false when there is no such alert.</summary>
    Task<bool> SaveTriageAsync(Alert alert, CancellationToken cancellationToken);

    Task AddSuppressionAsync(Suppression suppression, CancellationToken cancellationToken);

    /// <summary>Suppressions, oldest first; revoked ones too when <paramref name="includeRevoked"/>.</summary>
    Task<IReadOnlyList<Suppression>> SuppressionsAsync(bool includeRevoked, CancellationToken cancellationToken);

    /// <summary>Revokes an active suppression; false when there is no active one with this id.</summary>
    Task<bool> RevokeSuppressionAsync(string id, string by, Instant at, CancellationToken cancellationToken);
}
