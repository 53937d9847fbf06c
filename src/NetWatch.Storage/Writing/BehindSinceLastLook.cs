namespace NetWatch.Storage.Writing;

/// <summary>
/// Whether the store stage was behind at any moment since the last look (or is now): what a background checkpoint asks
/// as it starts, to leave part-filled row groups unmerged (<see cref="BackgroundCheckpoint"/>). The stage's state flips
/// within seconds at a rate near what the store sustains (at 50,000 lines/s: "keeping up" for 1-2 s between behind
/// sessions), so its state at the checkpoint's start said little: a checkpoint started in such a gap merged every
/// part-filled row group the behind sessions had left, 17 s that the next behind session waited for
/// (bench/results/lead-2026-12-05-session30.txt). Told and looked at on the store stage's turn only.
/// </summary>
internal sealed class BehindSinceLastLook
{
    private bool _now, _since;

    /// <summary>The stage is behind, or keeps up, from now on.</summary>
    public void Tell(bool behind)
    {
        _now = behind;
        _since |= behind;
    }

    /// <summary>Behind now (what the writer was told last).</summary>
    public bool Now => _now;

    /// <summary>Behind now or at any time since the last look; the past is forgotten.</summary>
    public bool Look()
    {
        var was = _now || _since;
        _since = false;
        return was;
    }
}
