namespace NetWatch.Core.Policy.Engine;

/// <summary>A role's schedule precomputed: for each ISO weekday its day cut into segments, and the day kinds it works on.</summary>
internal sealed class CompiledRole
{
    public readonly RoleSchedule Role;
    public readonly int Index;
    public readonly RoleKind Kind;
    /// <summary>[isoDayOfWeek] segments covering 0..86400, in order.</summary>
    public readonly ScheduleSegment[][] Segments;
    /// <summary>Bit (1 &lt;&lt; (int)DayKind) set when the role works on that kind of day.</summary>
    public readonly int WorksOnMask;

    public CompiledRole(RoleSchedule role, int index)
    {
        Role = role;
        Index = index;
        Kind = role.Kind;
        Segments = new ScheduleSegment[8][];
        Segments[0] = [];
        for (var d = 1; d <= 7; d++) Segments[d] = role.Week[d].ToSegments().ToArray();
        foreach (DayKind k in Enum.GetValues<DayKind>())
            if (role.Works(k)) WorksOnMask |= 1 << (int)k;
    }

    public static readonly ScheduleSegment WholeDayOff = new(0, 86400, PeriodKind.Outside, null);

    public ScheduleSegment Find(int isoDay, int secondOfDay)
    {
        var segments = Segments[isoDay];
        for (var i = 0; i < segments.Length; i++)
            if (secondOfDay < segments[i].EndSecond) return segments[i];
        return WholeDayOff;
    }
}
