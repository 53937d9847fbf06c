using System.Collections.Concurrent;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>A main file that keeps each committed session's events and the side file mark it took (-1: none).</summary>
internal sealed class RecordingMainFile : IStoreWriter, IBehindAware
{
    /// <summary>What the store stage told it (<see cref="IBehindAware"/>), in order.</summary>
    public ConcurrentQueue<bool> Told { get; } = new();

    public void Behind(bool behind) => Told.Enqueue(behind);

    public ConcurrentQueue<(List<NetEvent> Events, long Taken)> Sessions { get; } = new();

    /// <summary>How long each write of events takes (so that the blocks read meanwhile queue up and join the next write).</summary>
    public TimeSpan WriteTime { get; init; }

    public IWriteSession Begin() => new Session(this);

    private sealed class Session(RecordingMainFile file) : IWriteSession
    {
        private readonly List<NetEvent> _events = [];
        private long _taken = -1;

        public async Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
        {
            if (file.WriteTime > TimeSpan.Zero) await Task.Delay(file.WriteTime, cancellationToken);
            _events.AddRange(events);
            return new EventWriteResult(events, []);
        }

        public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteVisitsAsync(IReadOnlyList<Visit> visits, CancellationToken cancellationToken) => Task.CompletedTask;

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
            return Task.CompletedTask;
        }

        public void Dispose() { }
    }
}
