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
    public int Next() => _from < _to ? _random.Next(_from, _to) : _from;

    /// <summary>The try at <paramref name="delayMs"/> landed before the window: aim later.</summary>
    public void TooEarly(int delayMs)
    {
        _misses.Add($"{delayMs} ms too early");
        _from = delayMs + 1;
        if (_to <= _from) _to = _from * 2;
    }

    /// <summary>The try at <paramref name="delayMs"/> landed after the window (or the process had ended): aim earlier.</summary>
    public void TooLate(int delayMs)
    {
        _misses.Add($"{delayMs} ms too late");
        _to = Math.Max(1, delayMs - 1);
        if (_from >= _to) _from = _to / 2;
    }

    /// <summary>For a failure message: the whole run's time and each miss, so a failing run says which side it missed on.</summary>
    public override string ToString() => $"whole run {wholeMs} ms; tries: {string.Join(", ", _misses)}";
}
