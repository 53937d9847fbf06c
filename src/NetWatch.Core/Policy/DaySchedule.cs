namespace NetWatch.Core.Policy;

/// <summary>One weekday of a role: its working intervals (usually one) and the named breaks inside them.</summary>
public sealed record DaySchedule(IReadOnlyList<ClockInterval> Working, IReadOnlyList<NamedBreak> Breaks)
{
    public static readonly DaySchedule Off = new([], []);

    /// <summary>
    /// The whole day [0, 86400) cut into consecutive segments that never overlap, each one period.
    /// Validation guarantees working intervals do not overlap and every break lies inside one.
    /// </summary>
    public IReadOnlyList<ScheduleSegment> ToSegments()
    {
        var cuts = new SortedSet<int> { 0, 86400 };
        foreach (var w in Working) { cuts.Add(w.StartSecond); cuts.Add(w.EndSecond); }
        foreach (var b in Breaks) { cuts.Add(b.Interval.StartSecond); cuts.Add(b.Interval.EndSecond); }
        var points = cuts.ToArray();
        var segments = new List<ScheduleSegment>();
        for (var i = 0; i + 1 < points.Length; i++)
        {
            var start = points[i];
            var brk = Breaks.FirstOrDefault(b => b.Interval.Contains(start));
            var kind = brk is not null ? PeriodKind.Break
                : Working.Any(w => w.Contains(start)) ? PeriodKind.Working
                : PeriodKind.Outside;
            var name = brk?.Name;
            // merge with the previous segment when nothing changes
            if (segments.Count > 0 && segments[^1].Kind == kind && segments[^1].BreakName == name)
                segments[^1] = segments[^1] with { EndSecond = points[i + 1] };
            else
                segments.Add(new ScheduleSegment(start, points[i + 1], kind, name));
        }
        return segments;
    }
}

/// <summary>A stretch of a day with one period kind; BreakName is set for breaks.</summary>
public readonly record struct ScheduleSegment(int StartSecond, int EndSecond, PeriodKind Kind, string? BreakName);
