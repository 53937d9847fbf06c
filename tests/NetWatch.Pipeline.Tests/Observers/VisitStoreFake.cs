using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Observers;

/// <summary>
/// A store that keeps the visits written to it as the real one does (each replacing the one with its first event; added
/// ones appended, which fails on a visit already stored) and
/// answers the visits observer's keyed look-up (<see cref="IWriteSession.LatestVisitsAsync"/>) from them; its search holds
/// no stored visits (a first run). Every session sees every write at once (a session's own writes, as the real one).
/// </summary>
internal sealed class VisitStoreFake : IEventSearch
{
    private readonly Dictionary<EventId, Visit> _visits = [];

    public IReadOnlyCollection<Visit> Visits => _visits.Values;

    /// <summary>The first event of each visit written (replaced or appended), in order: each version counts.</summary>
    public List<EventId> WrittenIds { get; } = [];

    /// <summary>Keys asked for (each look-up's count), to see the look-ups happen.</summary>
    public long KeysLookedUp { get; private set; }

    public IWriteSession Begin() => new Session(this);

    private sealed class Session(VisitStoreFake store) : IWriteSession
    {
        public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken) =>
            Task.FromResult(new EventWriteResult(events, []));
        public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
        {
            // As the real store: each as it stands now (an aggregator's view changes with its next events).
            foreach (var v in visits.Select(v => v.ToVisit()))
            {
                store._visits[v.FirstEventId] = v;
                store.WrittenIds.Add(v.FirstEventId);
            }
            return Task.CompletedTask;
        }

        /// <summary>As the real store: appended, not replacing. A visit whose first event already names a stored one would be
        /// stored twice there, so here it fails the test.</summary>
        public Task AddVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
        {
            foreach (var v in visits.Select(v => v.ToVisit()))
            {
                if (!store._visits.TryAdd(v.FirstEventId, v))
                    throw new InvalidOperationException($"visit {v.FirstEventId} appended while a version of it is stored (the store would hold it twice)");
                store.WrittenIds.Add(v.FirstEventId);
            }
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Visit>> LatestVisitsAsync(IReadOnlyCollection<(string Person, string Domain)> keys, Instant endingFrom,
            CancellationToken cancellationToken)
        {
            store.KeysLookedUp += keys.Count;
            var wanted = keys.ToHashSet();
            IReadOnlyList<Visit> found = store._visits.Values
                .Where(v => v.End >= endingFrom && wanted.Contains((v.Person, v.Domain)))
                .GroupBy(v => (v.Person, v.Domain))
                .Select(g => g.MaxBy(v => v.End)!)
                .ToList();
            return Task.FromResult(found);
        }

        public Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken) =>
            Task.CompletedTask;
        public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }

    public Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Visit>>([]);

    public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
    public Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken) => throw new NotSupportedException();
    public IAsyncEnumerable<DeadLetter> DeadLettersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
}
