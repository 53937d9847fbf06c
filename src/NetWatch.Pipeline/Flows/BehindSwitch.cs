namespace NetWatch.Pipeline.Flows;

/// <summary>
/// Whether the live store stage is behind (<see cref="PipelineOptions.BehindAfter"/>), call by call, with hysteresis on
/// the way in. Behind, a session stays open until it holds a row group, and every batch in it waits for that commit:
/// right for a feed faster than the store, wrong for a stall the stage will catch up from. Below saturation a background
/// checkpoint (~3 s) leaves a few seconds of batches queued; the next calls are full writes of lines read over a second
/// ago, so the stage fell behind for each checkpoint and held ~3 batches a time in sessions of 36,000-60,000 events that
/// committed 1-3 s after the lines were read (30,000 lines/s, 120 s: 17 behind sessions, 55 of the 79 batches over 1 s;
/// bench/results/steady-2026-12-06-session39.txt). So the first time, the stage counts as behind only once it has been
/// handed full, old writes call after call for <paramref name="sustainedFor"/>; a feed faster than the store keeps it
/// so, a stall's queue is gone sooner. Once it has been behind, a full, old write puts it behind again at once for
/// <paramref name="rememberedFor"/> after it last was (a feed at the store's limit flips between the two every few seconds,
/// and each delay would send more events through the WAL). It stays behind while its writes are old or full (as before).
/// </summary>
public sealed class BehindSwitch(TimeSpan sustainedFor, TimeSpan rememberedFor)
{
    /// <summary>When the current run of full, old writes began (null: the last call was not one).</summary>
    private TimeSpan? _runSince;

    /// <summary>When the stage was last behind (null: never).</summary>
    private TimeSpan? _lastBehind;

    public bool Behind { get; private set; }

    /// <summary>
    /// The state for a call at <paramref name="now"/> (any clock that only goes forward) handed a write of lines read
    /// longer ago than <see cref="PipelineOptions.BehindAfter"/> (<paramref name="old"/>) and/or a full joined write
    /// (<paramref name="full"/>).
    /// </summary>
    public bool Next(bool old, bool full, TimeSpan now)
    {
        if (Behind)
        {
            Behind = old || full;
            _lastBehind = now;
            if (!Behind) _runSince = null;
            return Behind;
        }
        if (!(old && full))
        {
            _runSince = null;
            return false;
        }
        _runSince ??= now;
        Behind = now - _runSince >= sustainedFor || (_lastBehind is { } last && now - last < rememberedFor);
        if (Behind) _lastBehind = now;
        return Behind;
    }

    /// <summary>A call with no batch (a quiet feed's marker): not behind, and any run of full, old writes is over.</summary>
    public bool Quiet(TimeSpan now)
    {
        if (Behind) _lastBehind = now;
        Behind = false;
        _runSince = null;
        return false;
    }
}
