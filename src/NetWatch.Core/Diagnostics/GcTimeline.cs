namespace NetWatch.Core.Diagnostics;

/// <summary>
/// The collections over time, for <see cref="GcEvents"/>: per 10 s window since the listener started, the collections by
/// generation, the gen2 ones by type (blocking or background) and reason, the pauses (total and longest) and the highest
/// memory load the GC reported (percent of what it may use: of the hard limit when there is one). Tells whether the gen2
/// collections and the pauses come with the live heap near its limit (the live service's open visits at their budget) or
/// all along (bench/results/headroom-2026-12-06-session33.txt).
/// </summary>
/// <param name="start">When the listener started (UTC): the windows count from it.</param>
internal sealed class GcTimeline(DateTime start)
{
    private const double WindowSeconds = 10;
    private readonly SortedDictionary<int, Window> _windows = [];

    private sealed class Window
    {
        public readonly int[] Collections = new int[3];
        public int Blocking2, Background2, Load;
        public double Pause, Longest;
        public readonly SortedDictionary<int, int> Gen2Reasons = [];
    }

    private Window At(DateTime time)
    {
        var index = (int)Math.Max(0, (time.ToUniversalTime() - start).TotalSeconds / WindowSeconds);
        lock (_windows)
        {
            if (!_windows.TryGetValue(index, out var window)) _windows[index] = window = new Window();
            return window;
        }
    }

    /// <summary>A collection started: its generation, its reason and its type (0 blocking, 1 background, 2 foreground).</summary>
    public void Started(DateTime time, int generation, int reason, int type)
    {
        var w = At(time);
        lock (w)
        {
            w.Collections[generation]++;
            if (generation < 2) return;
            if (type == 1) w.Background2++; else w.Blocking2++;
            w.Gen2Reasons[reason] = w.Gen2Reasons.GetValueOrDefault(reason) + 1;
        }
    }

    public void Paused(DateTime time, double seconds)
    {
        var w = At(time);
        lock (w) (w.Pause, w.Longest) = (w.Pause + seconds, Math.Max(w.Longest, seconds));
    }

    public void MemoryLoad(DateTime time, int percent)
    {
        var w = At(time);
        lock (w) w.Load = Math.Max(w.Load, percent);
    }

    /// <summary>One line a window: "gc    t 120-130 s: gen0 40 gen1 9 gen2 3 (blocking 2, background 1; reasons 0x2 5x1) pauses 0.41 s (longest 120 ms) load 93%".</summary>
    public IEnumerable<string> Lines()
    {
        lock (_windows)
            return _windows.Select(p =>
            {
                var w = p.Value;
                var reasons = string.Join(" ", w.Gen2Reasons.Select(r => $"{r.Key}x{r.Value}"));
                return $"gc    t {p.Key * WindowSeconds:F0}-{(p.Key + 1) * WindowSeconds:F0} s: gen0 {w.Collections[0]} gen1 {w.Collections[1]} " +
                       $"gen2 {w.Collections[2]} (blocking {w.Blocking2}, background {w.Background2}; reasons {reasons}) " +
                       $"pauses {w.Pause:F2} s (longest {w.Longest * 1000:F0} ms) load {w.Load}%";
            }).ToList();
    }
}
