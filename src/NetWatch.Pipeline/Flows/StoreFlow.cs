using System.Diagnostics;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Sinks;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The stages every ingestion shares (import and the live service): parse (blocks in parallel, order kept; a
/// stateful parser's blocks one after another) → enrich (then, at the end, what flushing enrichers emit) → sink,
/// one write at a time. While the sink is busy,
/// batches queue up and go to it together, consecutive batches of one source joined into one transaction
/// (<see cref="BatchMerger"/>), which carries the last one's source position.
/// </summary>
public static class StoreFlow
{
    public static Flow<ParseJob, StoredBatch, NotUsed> Create(
        IEventSink sink, IReadOnlyList<IEventEnricher> enrichers, IClock clock, PipelineOptions options, CancellationToken cancellationToken)
    {
        var enrich = new EnrichStage(enrichers);
        var enriched = Flow.Create<ParseJob>()
            // SelectAsync calls its function in element order: a stateful parser parses right there, in order.
            .SelectAsync(options.ParseParallelism, job => job.Parser is IStatefulLogLineParser
                ? Task.FromResult(Parse(job, clock))
                : Task.Run(() => Parse(job, clock)))
            .Select(x => x with { Batch = enrich.Enrich(x.Batch) });
        // A live pipeline also stores the findings so far every so often (the stream ends only when it stops).
        if (options.FlushEvery is { } every)
            enriched = enriched.Merge(Source.Tick(every, every, FlushMarker).MapMaterializedValue(_ => NotUsed.Instance), eagerComplete: true);
        var replace = options.FlushEvery is not null;
        return enriched
            // The marker follows the last batch, so when it arrives every event has been enriched: then the
            // enrichers' own events (findings) follow as one more batch.
            .Concat(Source.Single(FlushMarker))
            .SelectMany(x => ReferenceEquals(x, FlushMarker)
                ? enrich.Flush().Select(batch => new Parsed(batch with { ReplaceStored = replace }, Stopwatch.GetTimestamp()))
                : [x])
            .Async()
            .BatchWeighted(options.MaxEventsPerWrite, x => x.Batch.Events.Count + x.Batch.DeadLetters.Count,
                x => new List<Parsed> { x }, (list, x) => { list.Add(x); return list; })
            .SelectAsync(1, list => Task.Run(async () =>
            {
                var readAt = list.Min(x => x.ReadAt);
                var stored = new List<StoredBatch>();
                foreach (var batch in BatchMerger.MergeRuns(list.Select(x => x.Batch).ToList()))
                    stored.Add(new StoredBatch(batch, await sink.WriteAsync(batch, cancellationToken), Stopwatch.GetElapsedTime(readAt)));
                return stored;
            }, cancellationToken))
            .WithAttributes(Attributes.CreateInputBuffer(1, 4)) // elements are whole batches: a few in flight suffice
            .SelectMany(stored => stored);
    }

    private static readonly Parsed FlushMarker = new(new EventBatch(EnrichStage.FlushSource, [], [], 0, 0), 0);

    private static Parsed Parse(ParseJob job, IClock clock)
    {
        if (job.ResetParser && job.Parser is IStatefulLogLineParser stateful) stateful.Reset();
        return new Parsed(new ParseStage(job.Parser, clock).Parse(job.Lines) with { Position = job.Position }, job.ReadAt);
    }

    private sealed record Parsed(EventBatch Batch, long ReadAt);
}
