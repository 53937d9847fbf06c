using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Pipeline;
using NetWatch.Service.Metrics;
using NetWatch.Service.Sources;
using NetWatch.Storage;
using NetWatch.Storage.Contracts;
using NodaTime;

namespace NetWatch.Service.Composition;

/// <summary>What the composition root is given besides the configuration: the process's services and seams.</summary>
public sealed record IngestionOptions
{
    /// <summary>The source kinds a configuration may name (a test adds its own).</summary>
    public SourceRegistry Registry { get; init; } = SourceRegistry.Default;

    /// <summary>
    /// Opens (creating if needed) the store a configuration names: the embedded DuckDB store, its own memory bounded
    /// by the given bytes when the configuration has a memory budget (null: the store's default). The flag says the store
    /// is opened for a replay that nothing reads beside (import): derived tables may then be filled once at its close
    /// (DuckDB's roll-ups, <see cref="DuckDbStore.Open"/>'s <c>rollupsAtClose</c>). The second flag, only for a replay whose
    /// sessions hold nothing but events and dead letters (whole files, no observers), has the store hold events back until
    /// they fill a row group (<see cref="DuckDbStore.Open"/>'s <c>wholeRowGroups</c>). The number is the threads a replay's events
    /// go in on at each commit, each session's held until then (<see cref="DuckDbStore.Open"/>'s <c>insertThreads</c>; 1: none held).
    /// </summary>
    public Func<string, long?, bool, bool, int, IStore> OpenStore { get; init; } =
        (directory, memory, replay, wholeRowGroups, insertThreads) => DuckDbStore.Open(directory, memoryLimit: memory, rollupsAtClose: replay,
            wholeRowGroups: wholeRowGroups, insertThreads: insertThreads);

    public ServiceMetrics Metrics { get; init; } = new();
    public ILogger Logger { get; init; } = NullLogger.Instance;
    /// <summary>Warnings about reference data (attribution feeds), as one line each.</summary>
    public Action<string> Warn { get; init; } = _ => { };
    public IClock Clock { get; init; } = SystemClock.Instance;
    public PipelineOptions Pipeline { get; init; } = new();
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Aborts the pipeline at once (import's Ctrl+C), where the service's stop token lets it finish what it read.</summary>
    public CancellationToken Abort { get; init; }
}
