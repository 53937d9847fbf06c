using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Sinks;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline;

/// <summary>
/// The import graph: file sources (one after another) → parse (blocks in parallel, order kept) →
/// enrich → sink (one batch at a time), the stages of <see cref="StoreFlow"/>. Every hop carries a batch of lines or events, and
/// backpressure runs from the sink back to the file reads.
/// </summary>
public sealed class ImportPipeline(IEventSink sink, IReadOnlyList<IEventEnricher> enrichers, IClock clock, PipelineOptions? options = null)
{
    private readonly PipelineOptions _options = options ?? new PipelineOptions();

    public async Task<IReadOnlyDictionary<string, SourceStats>> RunAsync(IReadOnlyList<ImportSource> sources, CancellationToken cancellationToken = default)
    {
        var stats = sources.ToDictionary(s => s.Path, _ => new SourceStats());
        using var system = ActorSystem.Create("netwatch-import", AkkaConfig.Quiet);
        var materializer = system.Materializer();
        if (new EnrichStage(enrichers).HasFlush) stats[EnrichStage.FlushSource] = new SourceStats();
        var (killSwitch, done) = Source.From(sources)
            .ConcatMany(source => Jobs(source, stats[source.Path]))
            .Via(StoreFlow.Create(sink, enrichers, clock, _options, cancellationToken))
            .Select(stored =>
            {
                stats[stored.Batch.Source].Add(stored.Batch, stored.Stored);
                return NotUsed.Instance;
            })
            .ViaMaterialized(KillSwitches.Single<NotUsed>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(materializer);

        await using var registration = cancellationToken.Register(() => killSwitch.Abort(new OperationCanceledException(cancellationToken)));
        await done;
        return stats;
    }

    /// <summary>The file's blocks; at its end, a gzip file cut short is recorded in <paramref name="stats"/>.</summary>
    private Source<ParseJob, NotUsed> Jobs(ImportSource source, SourceStats stats) =>
        Source.UnfoldResource<LineBlock, (LineBlockReader Reader, GzipFileStream? Gzip)>(
                () =>
                {
                    var text = LogFile.OpenText(source.Path, source.BytesRead, out var gzip);
                    return (new LineBlockReader(text, source.Path, _options.BlockChars), gzip);
                },
                file =>
                {
                    if (file.Reader.Read() is { } block) return Akka.Util.Option<LineBlock>.Create(block);
                    if (file.Gzip?.EndedEarly == true) stats.CompressedEndsEarlyAfterLines = file.Reader.LinesRead;
                    return Akka.Util.Option<LineBlock>.None;
                },
                file => file.Reader.Dispose())
            .Select(block => new ParseJob(block, source.Parser));
}
