using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>The store stage with a side file, fed <c>blocks</c> blocks of numbered lines, each with its source's checkpoint.</summary>
internal static class StoreStageRun
{
    /// <summary>Runs the blocks through; returns how many blocks their source was told are stored, and what the stage passed on.</summary>
    public static async Task<(int Committed, List<StoredBatch> Stored)> RunAsync(ISideFile side, IStoreWriter main, int blocks, int blockLines,
        PipelineOptions options, IReadOnlyList<IEventObserver>? observers = null, Func<ILogLineParser>? parser = null)
    {
        var committed = new int[1];
        var jobs = Jobs(blocks, blockLines, committed, parser);
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        var stored = new List<StoredBatch>();
        await Source.From(jobs)
            .Via(Stage(main, options, side, observers))
            .RunForeach(stored.Add, system.Materializer());
        return (committed[0], stored);
    }

    /// <summary>
    /// The first <paramref name="atOnce"/> blocks of <paramref name="blockLines"/> lines at once, then <paramref name="later"/>
    /// blocks of <paramref name="laterLines"/> one every <paramref name="every"/> (a parser slower than the store): how many
    /// blocks their source was told are stored.
    /// </summary>
    public static async Task<int> RunThrottledAsync(ISideFile side, IStoreWriter main, int atOnce, int blockLines, int later, int laterLines,
        PipelineOptions options, TimeSpan every)
    {
        var committed = new int[1];
        var sizes = Enumerable.Repeat(blockLines, atOnce).Concat(Enumerable.Repeat(laterLines, later)).ToList();
        var jobs = Jobs(sizes, committed, parser: null);
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        await Source.From(jobs.Take(atOnce)).Concat(Source.From(jobs.Skip(atOnce)).Throttle(1, every, 1, ThrottleMode.Shaping))
            .Via(Stage(main, options, side))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());
        return committed[0];
    }

    /// <summary>Blocks of these sizes, each read this long before the run (so the stage finds the lines old or fresh as the
    /// test says, whatever the machine's speed): how many blocks their source was told are stored.</summary>
    public static async Task<int> RunReadAgoAsync(ISideFile side, IStoreWriter main, IReadOnlyList<(int Lines, TimeSpan ReadAgo)> blocks,
        PipelineOptions options)
    {
        var committed = new int[1];
        var jobs = Jobs(blocks.Select(b => b.Lines).ToList(), committed, parser: null)
            .Select((job, i) => job with { ReadAt = Stopwatch.GetTimestamp() - (long)(blocks[i].ReadAgo.TotalSeconds * Stopwatch.Frequency) });
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        await Source.From(jobs.ToList())
            .Via(Stage(main, options, side))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());
        return committed[0];
    }

    /// <summary>
    /// The blocks through, then a source that stays open and sends nothing more (a feed gone quiet): how many blocks their
    /// source was told are stored once all have been, or when <paramref name="wait"/> has passed.
    /// </summary>
    public static async Task<int> RunThenQuietAsync(ISideFile side, IStoreWriter main, int blocks, int blockLines, PipelineOptions options, TimeSpan wait)
    {
        var committed = new int[1];
        var jobs = Jobs(blocks, blockLines, committed, parser: null);
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        _ = Source.From(jobs).Concat(Source.Never<ParseJob>())
            .Via(Stage(main, options, side))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());
        var until = DateTime.UtcNow + wait;
        while (Volatile.Read(ref committed[0]) < blocks && DateTime.UtcNow < until) await Task.Delay(50);
        return Volatile.Read(ref committed[0]);
    }

    /// <summary>The store stage under test: no enrichment, a fixed clock.</summary>
    private static Flow<ParseJob, StoredBatch, NotUsed> Stage(IStoreWriter main, PipelineOptions options, ISideFile side,
        IReadOnlyList<IEventObserver>? observers = null) =>
        StoreFlow.Create(main, new EnrichStage([]), observers ?? [], new FakeClock(TestEvents.Base), options, CancellationToken.None, side);

    /// <summary>The blocks of numbered lines, each with its source's checkpoint, whose telling counts in <paramref name="committed"/>[0].</summary>
    private static List<ParseJob> Jobs(int blocks, int blockLines, int[] committed, Func<ILogLineParser>? parser) =>
        Jobs(Enumerable.Repeat(blockLines, blocks).ToList(), committed, parser);

    /// <summary>Blocks of these sizes, their lines numbered on from one block to the next.</summary>
    private static List<ParseJob> Jobs(IReadOnlyList<int> sizes, int[] committed, Func<ILogLineParser>? parser)
    {
        var jobs = new List<ParseJob>(sizes.Count);
        var first = 1L;
        foreach (var lines in sizes)
        {
            var last = first + lines - 1;
            jobs.Add(new ParseJob(NumberBlocks.Of("s", first, lines), parser?.Invoke() ?? new NumberLineParser(),
                new SourceMark(new Checkpoint("s", "file", last.ToString()), () => Interlocked.Increment(ref committed[0]))));
            first = last + 1;
        }
        return jobs;
    }
}
