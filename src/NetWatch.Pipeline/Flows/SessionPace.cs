using System.Diagnostics;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Spaces the store stage's write sessions at least <see cref="PipelineOptions.MinSessionInterval"/> apart (start to
/// start): a session that took longer is followed at once, so a backlog is never slowed; after a quick one the next
/// waits for the rest of the interval, and the batches read meanwhile queue for the one after (BatchWeighted joins them),
/// so that each session holds about an interval's lines. No interval: never waits.
/// </summary>
public sealed class SessionPace(TimeSpan? interval)
{
    private long _lastStart;

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (interval is { } every && _lastStart != 0)
        {
            var rest = every - Stopwatch.GetElapsedTime(_lastStart);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, cancellationToken);
        }
        _lastStart = Stopwatch.GetTimestamp();
    }
}
