using Microsoft.Extensions.Logging;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Service.Metrics;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Service.Sources;

/// <summary>What every source kind is given: the run's mode, metrics, the log and the stop token.</summary>
/// <param name="Once">Read to the end and stop (run --once, import) instead of following.</param>
public sealed record SourceContext(bool Once, ServiceMetrics Metrics, ILogger Logger, CancellationToken Stop)
{
    /// <summary>How long a followed file waits at its end before it looks again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>What a prepared source starts from: the committed checkpoints, by source name.</summary>
public sealed record SourceStart(IReadOnlyDictionary<string, StoredCheckpoint> Checkpoints)
{
    /// <summary>
    /// The alerts' read-ahead, in the live service when it can run (<see cref="AlertPreScreen.For"/>): a followed file
    /// hands it each new block as it is written, ahead of the bulk pipeline's back-pressure. Null: none.
    /// </summary>
    public AlertPreScreen? ReadAhead { get; init; }
}
