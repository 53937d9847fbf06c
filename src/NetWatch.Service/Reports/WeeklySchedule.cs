using NodaTime;
using NodaTime.Calendars;

namespace NetWatch.Service.Reports;

/// <summary>One weekly send: when it falls due, and the week (Monday to Sunday, school-local) it reports.</summary>
public sealed record WeeklySend(Instant Due, LocalDate WeekStart)
{
    public LocalDate WeekEnd => WeekStart.PlusDays(6);

    /// <summary>The reported week's ISO name ("2026-W48"): the key of its durable record.</summary>
    public string Week => $"{WeekYearRules.Iso.GetWeekYear(WeekStart):D4}-W{WeekYearRules.Iso.GetWeekOfWeekYear(WeekStart):D2}";
}

/// <summary>
/// When the weekly report is due: every <see cref="Day"/> at <see cref="Time"/> in the school's zone, about the last
/// whole week (Monday to Sunday) before that day. A time the clocks skip (spring forward) is sent when the clocks
/// have moved on (01:30 on the last Sunday of March is 02:30 BST); a time that happens twice (autumn) falls due the
/// first time. Pure: the job asks it with its clock.
/// </summary>
public sealed record WeeklySchedule(IsoDayOfWeek Day, LocalTime Time, DateTimeZone Zone)
{
    /// <summary>The latest send due at or before <paramref name="now"/>.</summary>
    public WeeklySend Latest(Instant now)
    {
        var today = now.InZone(Zone).Date;
        var date = today.PlusDays(-(((int)today.DayOfWeek - (int)Day + 7) % 7));
        var due = DueOn(date);
        if (due > now) (date, due) = (date.PlusWeeks(-1), DueOn(date.PlusWeeks(-1)));
        return new WeeklySend(due, Monday(date.PlusDays(-7)));
    }

    /// <summary>The send after <paramref name="send"/>.</summary>
    public WeeklySend Next(WeeklySend send)
    {
        var date = send.Due.InZone(Zone).Date.PlusWeeks(1);
        return new WeeklySend(DueOn(date), Monday(date.PlusDays(-7)));
    }

    private Instant DueOn(LocalDate date) => date.At(Time).InZoneLeniently(Zone).ToInstant();

    private static LocalDate Monday(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - 1));
}
