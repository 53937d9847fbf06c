using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Storage.Contracts.Writing;

/// <summary>
/// One unit of work: written together, or (disposed without <see cref="CommitAsync"/>) not at all where the store
/// supports it. The order is the pipeline's: events first, so that observers learn which were new before they
/// add what they derived from them, then the checkpoint, then commit.
/// </summary>
public interface IWriteSession : IDisposable
{
    /// <summary>
    /// Stores the events not stored before (by <see cref="NetEvent.Id"/>); says which were new (stored now for the
    /// first time) and which the store rejected, with a reason. Already-stored events are neither.
    /// </summary>
    Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken);

    /// <summary>Stores dead letters; one already stored (same source, line and raw text) is not stored twice.</summary>
    Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken);

    /// <summary>Stores findings (events of kind alert), each replacing a stored finding with its id: a finding keeps its id while its counts grow.</summary>
    Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken);

    /// <summary>
    /// Stores visits, each replacing a stored visit with its <see cref="Visit.FirstEventId"/>: an event belongs to one visit,
    /// so its first event names it while it grows. A visit may be an aggregator's as it stands (<see cref="IVisitView"/>),
    /// which may change once the call returns: a store that keeps one keeps <see cref="IVisitView.ToVisit"/>.
    /// </summary>
    Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken);

    /// <summary>
    /// Stores visits that have no stored version (the caller knows: their first events were stored for the first time by
    /// this process and none was written before), without looking for one to replace. A store without a cheaper way
    /// replaces, as <see cref="WriteVisitsAsync"/> does.
    /// </summary>
    Task AddVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken) => WriteVisitsAsync(visits, cancellationToken);

    /// <summary>
    /// For each (person, domain) in <paramref name="keys"/>, the stored visit with the latest end at or after
    /// <paramref name="endingFrom"/>, if any, as this session sees the store (its own writes included): the live service's
    /// visits observer reloads the open visits it left to the store under its memory budget when a request may continue one.
    /// A narrow keyed look-up, unlike the search's visits by start.
    /// </summary>
    Task<IReadOnlyList<Visit>> LatestVisitsAsync(IReadOnlyCollection<(string Person, string Domain)> keys, NodaTime.Instant endingFrom,
        CancellationToken cancellationToken) =>
        throw new NotSupportedException("this store cannot look visits up by key");

    /// <summary>
    /// Stores alerts (each replacing the detection part of a stored alert with its id, never its triage part) and adds
    /// the notifications they caused to the outbox (one already stored, by key, is not added twice).
    /// </summary>
    Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken);

    /// <summary>Records how far a source has been read, with the counts this batch adds to its totals.</summary>
    Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken);

    /// <summary>
    /// Records, in this session, that it stores the side file's entries up to <paramref name="sequence"/>
    /// (<see cref="ISideFile"/>): once it commits they are never moved again.
    /// </summary>
    Task TakeSideAsync(long sequence, CancellationToken cancellationToken) =>
        throw new NotSupportedException("this store has no side file");

    Task CommitAsync(CancellationToken cancellationToken);
}
