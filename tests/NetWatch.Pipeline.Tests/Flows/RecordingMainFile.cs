using System.Collections.Concurrent;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>A main file that keeps each committed session's events and the side file mark it took (-1: none); and the
/// visits as the real one stores them (replaced by first event, appended ones failing over a stored one), with what each
/// committed session left (<see cref="VisitCommits"/>).</summary>
internal sealed class RecordingMainFile : IStoreWriter, IBehindAware
{
    /// <summary>What the store stage told it (<see cref="IBehindAware"/>), in order.</summary>
    public ConcurrentQueue<bool> Told { get; } = new();

    public void Behind(bool behind) => Told.Enqueue(behind);

    /// <summary>For each write of events, what the writer had last been told then (null: nothing yet).</summary>
    public ConcurrentQueue<bool?> ToldAtWrites { get; } = new();

    public ConcurrentQueue<(List<NetEvent> Events, long Taken)> Sessions { get; } = new();

    /// <summary>How long each write of events takes (so that the blocks read meanwhile queue up and join the next write).</summary>
    public TimeSpan WriteTime { get; init; }

    /// <summary>The visits committed, by first event.</summary>
    public Dictionary<EventId, Visit> Visits { get; } = [];

    /// <summary>For each committed session: the events committed by then, the visits stored then, the visits it wrote
    /// (each version) and how many times it wrote the one it wrote most.</summary>
    public ConcurrentQueue<(long EventsCommitted, List<Visit> Visits, int Written, int MostWritesOfOne)> VisitCommits { get; } = new();

    private long _eventsCommitted;

    public IWriteSession Begin() => new Session(this);

    private sealed class Session(RecordingMainFile file) : IWriteSession
    {
        private readonly List<NetEvent> _events = [];
        private long _taken = -1;
        /// <summary>The visits written, in order, each with whether it was appended (not replacing).</summary>
        private readonly List<(Visit Visit, bool Added)> _visits = [];

        public async Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
        {
            file.ToldAtWrites.Enqueue(file.Told.IsEmpty ? null : file.Told.Last());
            if (file.WriteTime > TimeSpan.Zero) await Task.Delay(file.WriteTime, cancellationToken);
            _events.AddRange(events);
            return new EventWriteResult(events, []);
        }

        public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
        {
            _visits.AddRange(visits.Select(v => (v.ToVisit(), false)));
            return Task.CompletedTask;
        }

        public Task AddVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
        {
            _visits.AddRange(visits.Select(v => (v.ToVisit(), true)));
            return Task.CompletedTask;
        }

        public Task WriteAlertsAsync(IReadOnlyList<Core.Alerts.Alert> alerts, IReadOnlyList<Core.Alerts.AlertNotification> notifications,
            CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task TakeSideAsync(long sequence, CancellationToken cancellationToken)
        {
            _taken = sequence;
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            file.Sessions.Enqueue((_events.ToList(), _taken));
            foreach (var (v, added) in _visits)
                if (!added) file.Visits[v.FirstEventId] = v;
                else if (!file.Visits.TryAdd(v.FirstEventId, v))
                    throw new InvalidOperationException($"visit {v.FirstEventId} appended while a version of it is stored (the store would hold it twice)");
            file._eventsCommitted += _events.Count;
            var most = _visits.CountBy(x => x.Visit.FirstEventId).Select(x => x.Value).DefaultIfEmpty(0).Max();
            file.VisitCommits.Enqueue((file._eventsCommitted, file.Visits.Values.ToList(), _visits.Count, most));
            return Task.CompletedTask;
        }

        public void Dispose() { }
    }
}
