using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Sinks;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline;

/// <summary>
/// The import graph: file sources (one after another) → parse (blocks in parallel, order kept) →
/// enrich → sink (one batch at a time). Every hop carries a batch of lines or events, and
/// backpressure runs from the sink back to the file reads.
/// </summary>
public sealed class ImportPipeline(IEventSink sink, IReadOnlyList<IEventEnricher> enrichers, IClock clock, PipelineOptions? options = null)
{
    private readonly PipelineOptions _options = options ?? new PipelineOptions();

    private static readonly EventBatch FlushMarker = new(EnrichStage.FlushSource, [], [], 0, 0);

    public async Task<IReadOnlyDictionary<string, SourceStats>> RunAsync(IReadOnlyList<ImportSource> sources, CancellationToken cancellationToken = default)
    {
        var stats = sources.ToDictionary(s => s.Path, _ => new SourceStats());
        using var system = ActorSystem.Create("netwatch-import", AkkaConfig.Quiet);
        var materializer = system.Materializer();
        var enrich = new EnrichStage(enrichers);
        if (enrich.HasFlush) stats[EnrichStage.FlushSource] = new SourceStats();

        var (killSwitch, done) = Source.From(sources)
            .ConcatMany(ParsedBatches)
            .Select(enrich.Enrich)
            // The marker follows the last batch, so when it arrives every event has been enriched
            // (Concat may pull its second source early: a flush there would run too soon).
            .Concat(Source.Single(FlushMarker))
            .SelectMany(batch => ReferenceEquals(batch, FlushMarker) ? enrich.Flush() : [batch])
            .Async()
            // While the sink is busy, batches queue up here and go to it together (one transaction each per source).
            .BatchWeighted(_options.MaxEventsPerWrite, b => b.Events.Count + b.DeadLetters.Count,
                b => new List<EventBatch> { b }, (list, b) => { list.Add(b); return list; })
            .SelectAsync(1, batches => Task.Run(async () =>
            {
                foreach (var batch in BatchMerger.MergeRuns(batches))
                {
                    var stored = await sink.WriteAsync(batch, cancellationToken);
                    stats[batch.Source].Add(batch, stored);
                }
                return NotUsed.Instance;
            }, cancellationToken))
            .WithAttributes(Attributes.CreateInputBuffer(1, 4)) // elements are whole batches: a few in flight suffice
            .ViaMaterialized(KillSwitches.Single<NotUsed>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(materializer);

        await using var registration = cancellationToken.Register(() => killSwitch.Abort(new OperationCanceledException(cancellationToken)));
        await done;
        return stats;
    }

    private Source<EventBatch, NotUsed> ParsedBatches(ImportSource source)
    {
        var stage = new ParseStage(source.Parser, clock);
        return Source.UnfoldResource<LineBlock, LineBlockReader>(
                () => new LineBlockReader(LogFile.OpenText(source.Path, source.BytesRead), source.Path, _options.BlockChars),
                reader => reader.Read() is { } block ? Akka.Util.Option<LineBlock>.Create(block) : Akka.Util.Option<LineBlock>.None,
                reader => reader.Dispose())
            // A stateful parser (W3C: #Fields: sets the columns of the lines after it) must see the blocks in order.
            .SelectAsync(source.Parser is IStatefulLogLineParser ? 1 : _options.ParseParallelism, block => Task.Run(() => stage.Parse(block)));
    }
}
