using System.Diagnostics;
using Akka;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Sinks;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The stages every ingestion shares (import and the live service): parse (blocks in parallel, order kept) →
/// enrich → sink (one batch at a time, each in one store transaction with its source position).
/// </summary>
public static class StoreFlow
{
    public static Flow<ParseJob, StoredBatch, NotUsed> Create(
        IEventSink sink, IReadOnlyList<IEventEnricher> enrichers, IClock clock, int parseParallelism, CancellationToken cancellationToken)
    {
        var enrich = new EnrichStage(enrichers);
        return Flow.Create<ParseJob>()
            .SelectAsync(parseParallelism, job => Task.Run(() => (Job: job, Batch: new ParseStage(job.Parser, clock).Parse(job.Lines) with { Position = job.Position })))
            .Select(x => (x.Job, Batch: enrich.Enrich(x.Batch)))
            .Async()
            .SelectAsync(1, async x =>
            {
                var stored = await Task.Run(() => sink.WriteAsync(x.Batch, cancellationToken), cancellationToken);
                return new StoredBatch(x.Batch, stored, Stopwatch.GetElapsedTime(x.Job.ReadAt));
            });
    }
}
