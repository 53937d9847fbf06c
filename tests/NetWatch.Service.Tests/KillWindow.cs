namespace NetWatch.Service.Tests;

/// <summary>
/// Where to kill a process so that the kill lands in a window of its run (after some commits, before the last): the
/// first try aims at a random instant between half and nine tenths of a measured whole run, and each miss narrows the
/// range from the side it missed on (too early: later; too late or exited: earlier). A fixed range missed eight times in
/// a row when the whole run had been timed at another load than the tries ran at (the full test run).
/// </summary>
internal sealed class KillWindow(int wholeMs, int seed)
{
    private readonly Random _random = new(seed);
    private int _from = wholeMs / 2, _to = wholeMs * 9 / 10;
    private readonly List<string> _misses = [];

    /// <summary>The delay of the next try, in milliseconds.</summary>
    private int Next() => _from < _to ? _random.Next(_from, _to) : _from;

    /// <summary>The try at <paramref name="delayMs"/> landed before the window: aim later.</summary>
    private void TooEarly(int delayMs)
    {
        _misses.Add($"{delayMs} ms too early");
        _from = delayMs + 1;
        if (_to <= _from) _to = _from * 2;
    }

    /// <summary>The try at <paramref name="delayMs"/> landed after the window (or the process had ended): aim earlier.</summary>
    private void TooLate(int delayMs)
    {
        _misses.Add($"{delayMs} ms too late");
        _to = Math.Max(1, delayMs - 1);
        if (_from >= _to) _from = _to / 2;
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
