using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Events;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Service.Sources;
using NetWatch.Storage;
using NodaTime;

namespace NetWatch.Service;

/// <summary>
/// The live pipeline: every configured source (followed files, syslog receivers) merged into the same stages as
/// import (<see cref="StoreFlow"/>), each batch committed with its source position. Stopping (the token) closes
/// the sources and waits until the batches already read are stored: a graceful stop loses nothing.
/// </summary>
public sealed class LiveService(ServiceConfig config, ServiceMetrics metrics, ILogger logger)
{
    public IReadOnlyList<IEventEnricher> Enrichers { get; init; } = [];
    public PipelineOptions Options { get; init; } = new();
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public async Task RunAsync(CancellationToken stop)
    {
        using var store = EventStore.Open(config.Store);
        var positions = store.ReadPositions();
        using var stopSources = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var syslog = new SyslogSources();
        var tail = new TailOptions { StopAtEnd = config.Once, PollInterval = PollInterval };
        var sources = new List<Source<ParseJob, NotUsed>>();
        foreach (var source in config.Sources)
        {
            if (config.Once && source.Kind != SourceKind.File)
            {
                logger.LogWarning("{Source}: a syslog source has nothing to replay; --once leaves it out", source.Name);
                continue;
            }
            sources.AddRange(source.Kind == SourceKind.File
                ? FileSources.Create(source, positions, metrics, tail, logger, stopSources.Token).ToList()
                : syslog.Create(source, positions, metrics, logger, stopSources.Token).ToList());
        }

        using var system = ActorSystem.Create("netwatch-run", AkkaConfig.Quiet);
        var done = Source.From(sources)
            .MergeMany(Math.Max(1, sources.Count), s => s)
            .Via(StoreFlow.Create(new DuckDbEventSink(store), Enrichers, SystemClock.Instance, Options, CancellationToken.None))
            .RunForeach(metrics.Record, system.Materializer());
        metrics.Running = true;
        logger.LogInformation("running: {Sources} sources into {Store}", sources.Count, config.Store);

        await using (stop.Register(() => stopSources.Cancel()))
        {
            try
            {
                await done;
            }
            finally
            {
                metrics.Running = false;
            }
        }
        await syslog.Stopped;
        logger.LogInformation("stopped: every batch read has been stored");
    }
}
