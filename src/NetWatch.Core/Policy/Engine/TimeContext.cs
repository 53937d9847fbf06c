using NodaTime;

namespace NetWatch.Core.Policy.Engine;

/// <summary>Where an instant falls for one role: local date and time, calendar day kind, period of the day.</summary>
public readonly record struct TimeContext(
    LocalDateTime Local, Offset Offset, DayKind DayKind, bool RoleWorksToday, PeriodKind Period, string? BreakName,
    int SegmentStartSecond, int SegmentEndSecond);
