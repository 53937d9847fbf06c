using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The store stage with a side file (<see cref="ISideFile"/>): what it held while the main file checkpointed goes into the
/// main file a step at a time, the batches read meanwhile into the side file behind it, so that no batch waits for one
/// long move (issue 18's batch latency); every event still reaches the main file once, in the order it was read.
/// </summary>
public sealed class SideFileMoveTests
{
    /// <summary>
    /// A side file whose main file checkpoints until it has taken <paramref name="checkpointFor"/> batches (or the store
    /// stage waits for the checkpoint: it ends then), then never again.
    /// </summary>
    private sealed class FakeSide(int checkpointFor) : ISideFile
    {
        private long _sequence = -1;
        private volatile bool _ended;
        public ConcurrentQueue<long> Settled { get; } = new();
        public bool Checkpointing => !_ended && _sequence + 1 < checkpointFor;
        public bool CheckpointIfDue() => false;

        public Task WaitAsync(CancellationToken cancellationToken)
        {
            _ended = true;
            return Task.CompletedTask;
        }

        public long Store(EventBatch batch, Checkpoint? checkpoint) => ++_sequence;
        public IReadOnlyList<SideEntry> Pending() => [];
        public void Settle(long sequence) => Settled.Enqueue(sequence);
        public long EventsWaiting => 0;
        public int Checkpoints => 0;
        public long LastSequence => _sequence;
    }

    /// <summary>A main file that keeps each committed session's events and the side file mark it took (-1: none).</summary>
    private sealed class MainFile : IStoreWriter
    {
        public ConcurrentQueue<(List<NetEvent> Events, long Taken)> Sessions { get; } = new();

        public IWriteSession Begin() => new Session(this);

        private sealed class Session(MainFile file) : IWriteSession
        {
            private readonly List<NetEvent> _events = [];
            private long _taken = -1;

            public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
            {
                _events.AddRange(events);
                return Task.FromResult(new EventWriteResult(events, []));
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

    private static LineBlock Block(string source, long first, int count)
    {
        var text = string.Concat(Enumerable.Range(0, count).Select(i => (first + i).ToString()));
        var starts = new int[count];
        var lengths = new int[count];
        for (int i = 0, at = 0; i < count; i++)
        {
            lengths[i] = (first + i).ToString().Length;
            starts[i] = at;
            at += lengths[i];
        }
        return new LineBlock(source, first, text.ToCharArray(), starts, lengths, count);
    }

    [Theory]
    // The bound is MemoryBudget.SideHeldWrites joined writes (2 since session 23; 4 before), here as many blocks.
    [InlineData(4, 4000)] // 8,000 events held at the bound: one step
    [InlineData(2, 500)] // 1,000 held: the next batch's call moves them first, as before
    [InlineData(40, 500)] // past the bound (1,000): the stage waits for the checkpoint and moves what it holds
    [InlineData(4, 50)] // small batches: one step takes them all
    [InlineData(4, 6000)] // batches of about half a step: a step takes the two held while one comes in
    public async Task What_the_side_file_held_goes_into_the_main_file_in_steps_every_event_once_in_order(int heldBatches, int blockLines)
    {
        const int blocks = 60;
        var side = new FakeSide(heldBatches);
        var main = new MainFile();
        var committed = 0;
        var jobs = Enumerable.Range(0, blocks).Select(b => new ParseJob(Block("s", 1 + (long)b * blockLines, blockLines), new NumberLineParser(),
            new SourceMark(new Checkpoint("s", "file", ((b + 1L) * blockLines).ToString()), () => Interlocked.Increment(ref committed)))).ToList();
        // A write joins at most one block, so each block is one batch, into one file or the other.
        var options = new PipelineOptions { MaxEventsPerWrite = blockLines };
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        var stored = new List<StoredBatch>();
        await Source.From(jobs)
            .Via(StoreFlow.Create(main, new EnrichStage([]), [], new FakeClock(TestEvents.Base), options, CancellationToken.None, side))
            .RunForeach(stored.Add, system.Materializer());

        // Every block was told it is stored, once; every event reached the main file once, in the order read.
        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.Batch.Events.Count));
        var lines = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.Equal(Enumerable.Range(1, blocks * blockLines).Select(i => (long)i), lines);
        // The moves: each took the side file further, up to its last batch, and the side file forgot each step.
        var moves = main.Sessions.Where(s => s.Taken >= 0).ToList();
        Assert.Equal(moves.Select(m => m.Taken).Order(), moves.Select(m => m.Taken));
        Assert.Equal(side.LastSequence, moves[^1].Taken);
        Assert.Equal(moves.Select(m => m.Taken), side.Settled);
        // No step moved more than 8,192 events (or two batches, if more), so the batches behind it never wait for one long move.
        Assert.All(moves, m => Assert.InRange(m.Events.Count, 1, Math.Max(8_192, 2 * blockLines)));
        var held = Math.Min(heldBatches, MemoryBudget.SideHeldWrites) * blockLines;
        var most = Math.Max(8_192, 2 * blockLines);
        Assert.True(moves.Count >= (held + most - 1) / most, $"{held} events held moved in {moves.Count} steps");
    }
}
