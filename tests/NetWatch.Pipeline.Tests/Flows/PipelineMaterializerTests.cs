using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Alerts;
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
/// Issue 18: while the store is slower than the source (a backlog), what the stream holds between the source and the
/// store is the batch being joined plus a few blocks, not Akka's default buffers of 16 blocks at each asynchronous
/// boundary (which held ~33 blocks more than <see cref="MemoryBudget"/> planned for).
/// </summary>
public class PipelineMaterializerTests
{
    private const int LinesPerBlock = 100;
    /// <summary>Blocks joined into one write at most.</summary>
    private const int JoinedBlocks = 5;
    /// <summary>
    /// What may be held: a join handed to the store stage and not yet written (under load its task may not have begun),
    /// one being joined, 2 blocks being parsed, one at the boundary, one at the source, and slack for the store stage's
    /// batch pulled while the join is full. Akka's default buffers held ~33 blocks more.
    /// </summary>
    private const int MostHeld = 2 * JoinedBlocks + 6;

    /// <summary>A store that takes 50 ms a write and counts the events it was handed.</summary>
    private sealed class SlowWriter : IStoreWriter
    {
        public long Taken;

        public IWriteSession Begin() => new Session(this);

        private sealed class Session(SlowWriter writer) : IWriteSession
        {
            public async Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
            {
                Interlocked.Add(ref writer.Taken, events.Count);
                await Task.Delay(50, cancellationToken);
                return new EventWriteResult(events, []);
            }

            public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken) => Task.CompletedTask;
            public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public void Dispose() { }
        }
    }

    private static ParseJob Block(int n)
    {
        var text = string.Join("\n", Enumerable.Range(0, LinesPerBlock).Select(i => (n * LinesPerBlock + i).ToString())).ToCharArray();
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        var lengths = starts.Select((s, i) => (i + 1 < starts.Count ? starts[i + 1] - 1 : text.Length) - s).ToArray();
        return new ParseJob(new LineBlock("a.log", n * LinesPerBlock + 1L, text, [.. starts], lengths, starts.Count), new NumberLineParser());
    }

    /// <summary>Blocks the source has handed out beyond those the store has taken, after the backlog has run a while.</summary>
    private static async Task<long> HeldBlocksAsync(Func<ActorSystem, IMaterializer> materializer)
    {
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        var writer = new SlowWriter();
        long pulled = 0;
        var options = new PipelineOptions { MaxEventsPerWrite = JoinedBlocks * LinesPerBlock, ParseParallelism = 2 };
        var (kill, done) = Source.From(Enumerable.Range(0, 100_000))
            .Select(n => { Interlocked.Increment(ref pulled); return Block(n); })
            .Via(StoreFlow.Create(writer, new EnrichStage([]), [], new FakeClock(TestEvents.Base), options, CancellationToken.None))
            .ViaMaterialized(KillSwitches.Single<StoredBatch>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<StoredBatch>(), Keep.Both)
            .Run(materializer(system));
        long most = 0;
        for (var i = 0; i < 15; i++)
        {
            await Task.Delay(100);
            most = Math.Max(most, Interlocked.Read(ref pulled) - Interlocked.Read(ref writer.Taken) / LinesPerBlock);
        }
        kill.Shutdown();
        await done;
        return most;
    }

    [Fact]
    public async Task A_backlog_holds_the_batch_being_joined_and_a_few_blocks()
    {
        var held = await HeldBlocksAsync(PipelineMaterializer.For);
        Assert.True(held <= MostHeld, $"{held} blocks held between the source and the store");
    }

    [Fact]
    public async Task Akka_s_default_buffers_held_many_more()
    {
        // What the test above guards against (and why it can fail): the default materializer's buffers.
        var held = await HeldBlocksAsync(system => system.Materializer());
        Assert.True(held > MostHeld, $"{held} blocks held with the default materializer");
    }
}
