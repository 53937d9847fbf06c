namespace NetWatch.Service.Tests;

/// <summary>
/// Where to kill a process so that the kill lands in a window of its run (after some commits, before the last): the
/// first try aims at a random instant between half and nine tenths of a measured whole run; after that each try aims
/// into the middle half of what is left between the latest delay known too early and the earliest known too late (a
/// bisection, so the delay can fall far below the first aim). A fixed range missed eight times in a row when the whole run
/// had been timed at another load than the tries ran at (the full test run); a range narrowed from one end only kept
/// missing "too late" twelve times in session 16's full run (whole run 56 s, every try at 14-30 s too late). The windows
/// these tests aim at are wide (from a first commit to the last), so bounds that close in on each other are stale: the try
/// on the far side ran at another load. Session 27's helper saw a bisection pinned to one early try (whole run 108.6 s; 57,293
/// ms too early, then ten tries too late down to 57,297 ms): the newer miss now makes the tries forget the older bound.
/// </summary>
internal sealed class KillWindow(int wholeMs, int seed)
{
    private readonly Random _random = new(seed);
    /// <summary>The latest delay known to land too early (0: none), and the earliest known to land too late (null: none).</summary>
    private int _early;
    private int? _late;
    private readonly List<string> _misses = [];

    /// <summary>Bounds closer than this (a twentieth of the whole run) contradict each other: the window is wider.</summary>
    private int MinWindowMs => Math.Max(1, wholeMs / 20);

    /// <summary>The delay of the next try, in milliseconds.</summary>
    private int Next()
    {
        if (_misses.Count == 0) return _random.Next(wholeMs / 2, Math.Max(wholeMs / 2 + 1, wholeMs * 9 / 10));
        // Nothing late yet: the window may lie beyond the whole run's time at this load, so the range reaches past it.
        var high = _late ?? Math.Max(2 * _early, wholeMs);
        var span = Math.Max(1, high - _early);
        return _early + span / 4 + _random.Next(0, Math.Max(1, span / 2));
    }

    /// <summary>The try at <paramref name="delayMs"/> landed before the window: aim later.</summary>
    private void TooEarly(int delayMs)
    {
        _misses.Add($"{delayMs} ms too early");
        _early = Math.Max(_early, delayMs);
        // The load changed under the tries: what was too late may not be any more.
        if (_late is { } late && late - _early < MinWindowMs) _late = null;
    }

    /// <summary>The try at <paramref name="delayMs"/> landed after the window (or the process had ended): aim earlier.</summary>
    private void TooLate(int delayMs)
    {
        _misses.Add($"{delayMs} ms too late");
        _late = Math.Min(_late ?? delayMs, delayMs);
        if (_late - _early < MinWindowMs) _early = 0;
    }

    /// <summary>For a failure message: the whole run's time and each miss, so a failing run says which side it missed on.</summary>
    public override string ToString() => $"whole run {wholeMs} ms; tries: {string.Join(", ", _misses)}";

    /// <summary>Where a kill landed, as the killed run's store shows it.</summary>
    public enum Landing { TooEarly, InWindow, TooLate }

    /// <summary>
    /// Up to <paramref name="tries"/> runs, each into a fresh store (<paramref name="storeOf"/> the try's number),
    /// started by <paramref name="start"/> and killed after the aimed delay, until <paramref name="judge"/> finds a
    /// kill in the window: that run's store, or null (a run that had ended before its kill counts as too late).
    /// </summary>
    public string? Land(int tries, Func<int, string> storeOf, Func<string, ServiceProcess> start, Func<string, Landing> judge)
    {
        for (var attempt = 0; attempt < tries; attempt++)
        {
            var store = storeOf(attempt);
            var delay = Next();
            using (var run = start(store))
            {
                Thread.Sleep(delay);
                if (run.HasExited)
                {
                    TooLate(delay);
                    continue;
                }
                run.Kill();
            }
            switch (judge(store))
            {
                case Landing.InWindow: return store;
                case Landing.TooEarly: TooEarly(delay); break;
                default: TooLate(delay); break;
            }
        }
        return null;
    }
}
