using System.Diagnostics;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Spaces the store stage's write sessions at least <see cref="PipelineOptions.MinSessionInterval"/> apart (start to
/// start). The wait comes after a session's commit, before the stage takes its next element, so that the batches read
/// meanwhile all join the next session (BatchWeighted) and each session holds about an interval's lines; a line then
/// waits at most the interval before its session starts. A session that took longer is followed at once (a backlog is
/// never slowed). No interval (an import): never waits.
/// </summary>
public sealed class SessionPace(TimeSpan? interval)
{
    private long _started;

    /// <summary>A session starts now.</summary>
    public void Started() => _started = Stopwatch.GetTimestamp();

    /// <summary>Until the interval since the last <see cref="Started"/> has passed (completed at once if it has, or with no interval).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (interval is not { } every || _started == 0) return Task.CompletedTask;
        var rest = every - Stopwatch.GetElapsedTime(_started);
        return rest > TimeSpan.Zero ? Task.Delay(rest, cancellationToken) : Task.CompletedTask;
    }
}
