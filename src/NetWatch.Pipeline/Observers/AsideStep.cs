namespace NetWatch.Pipeline.Observers;

/// <summary>
/// One piece of an observer's work at a time run aside, on the thread pool (<see cref="IOverlapsStore"/>), or inline
/// where it is started (<c>aside</c> false: the sequential order, for tests that compare the two). Started only when
/// the one before has been joined: the observer's state passes to the step and back, never shared by two threads.
/// </summary>
internal sealed class AsideStep(bool aside)
{
    private Task? _running;

    /// <summary>Runs <paramref name="work"/> aside (or now, inline; a failure then surfaces at the join all the same).</summary>
    public void Start(Action work)
    {
        if (_running is not null) throw new InvalidOperationException("a step started before the one before it was joined");
        if (aside)
        {
            _running = Task.Run(work);
            return;
        }
        try
        {
            work();
            _running = Task.CompletedTask;
        }
        catch (Exception e)
        {
            _running = Task.FromException(e);
        }
    }

    /// <summary>Waits for the step started last, rethrowing its failure; the state it touched is the caller's again.</summary>
    public async Task JoinAsync()
    {
        if (_running is not { } running) return;
        _running = null;
        await running.ConfigureAwait(false);
    }

    /// <summary>Waits for a step still running without rethrowing (disposal after a failed stream: its files may go once
    /// nothing reads them).</summary>
    public void WaitQuietly()
    {
        if (_running is not { } running) return;
        _running = null;
        try { running.Wait(); } catch { /* the stream has failed already; the step's own failure adds nothing */ }
    }
}
