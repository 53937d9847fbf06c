namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Spaces the store stage's write sessions at least <see cref="PipelineOptions.MinSessionInterval"/> apart (start to
/// start), or <see cref="PipelineOptions.SmallSessionInterval"/> after a session of fewer than
/// <see cref="PipelineOptions.SmallSessionEvents"/> events. The wait comes after a session's commit, before the stage
/// takes its next element, so that the batches read meanwhile all join the next session (BatchWeighted) and each
/// session holds about an interval's lines; a line then waits at most the interval before its session starts. A session
/// that took longer is followed at once (a backlog is never slowed). No interval (an import): never waits.
/// </summary>
/// <remarks>
/// Why the longer wait after a small session: every session pays the same fixed costs (DuckDB's statements and the
/// commit, ~50 ms of the store thread at a school's 200 lines/s, whatever the session holds), so at that rate a session
/// every 250 ms kept a fifth of a core busy for ~50 lines each. A small session is quick to write, so a longer wait
/// still leaves its lines stored within a second.
/// </remarks>
/// <param name="time">The clock and timers (the system's; a test's fake one, so that the pace is tested without waiting).</param>
public sealed class SessionPace(TimeSpan? interval, TimeSpan? smallInterval = null, int smallSession = 0, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _started;

    /// <summary>A session starts now.</summary>
    public void Started() => _started = _time.GetTimestamp();

    /// <summary>
    /// Until the interval since the last <see cref="Started"/> has passed (completed at once if it has, or with no
    /// interval): the small interval when the session stored fewer than the small session's <paramref name="events"/>.
    /// </summary>
    public Task WaitAsync(int events, CancellationToken cancellationToken)
    {
        if (interval is not { } every || _started == 0) return Task.CompletedTask;
        if (events < smallSession && smallInterval is { } small) every = small;
        var rest = every - _time.GetElapsedTime(_started);
        return rest > TimeSpan.Zero ? Task.Delay(rest, _time, cancellationToken) : Task.CompletedTask;
    }
}
