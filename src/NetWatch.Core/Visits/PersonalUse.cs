using NetWatch.Core.Policy;
using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>One person's personal use on one local date: minutes inside working hours and in all.</summary>
public sealed record DailyPersonalUse(string Person, LocalDate Date, Duration InWorkingHours, Duration Total,
    bool OverDailyLimit, string? Clause);

/// <summary>One person's personal use in one ISO week, and whether it is "excessive" by the policy's threshold.</summary>
public sealed record WeeklyPersonalUse(string Person, int WeekYear, int Week, Duration Total, bool Excessive, string? Clause);

/// <summary>
/// Personal-use time derived from visits whose verdict is personal (personal-break or personal-working-hours),
/// split by the person's schedule into working-hours time and other time, and checked against the thresholds.
/// </summary>
public static class PersonalUse
{
    public static (IReadOnlyList<DailyPersonalUse> Daily, IReadOnlyList<WeeklyPersonalUse> Weekly) Tally(
        IEnumerable<Visit> visits, PolicyEngine engine)
    {
        var zone = engine.Policy.TimeZone;
        var daily = new Dictionary<(string, LocalDate), (Duration Working, Duration Total)>();
        foreach (var v in visits.Where(v => Verdicts.IsPersonal(v.Verdict)))
            foreach (var (date, period, length) in Split(v, engine, zone))
            {
                var key = (v.Person, date);
                daily.TryGetValue(key, out var sum);
                daily[key] = (sum.Working + (period == PeriodKind.Working ? length : Duration.Zero), sum.Total + length);
            }

        var dayLimit = engine.Policy.Thresholds.PersonalWorkingHoursMinutesPerDay;
        var weekLimit = engine.Policy.Thresholds.ExcessivePersonalMinutesPerWeek;
        var days = daily.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2)
            .Select(kv => new DailyPersonalUse(kv.Key.Item1, kv.Key.Item2, kv.Value.Working, kv.Value.Total,
                dayLimit is not null && kv.Value.Working > Duration.FromMinutes(dayLimit.Minutes), dayLimit?.Clause))
            .ToList();
        var rule = NodaTime.Calendars.WeekYearRules.Iso;
        var weeks = days.GroupBy(d => (d.Person, rule.GetWeekYear(d.Date), rule.GetWeekOfWeekYear(d.Date)))
            .Select(g =>
            {
                var total = g.Aggregate(Duration.Zero, (s, d) => s + d.Total);
                return new WeeklyPersonalUse(g.Key.Person, g.Key.Item2, g.Key.Item3, total,
                    weekLimit is not null && total > Duration.FromMinutes(weekLimit.Minutes), weekLimit?.Clause);
            })
            .ToList();
        return (days, weeks);
    }

    /// <summary>Cuts a visit at the boundaries of the role's schedule segments (and at midnight).</summary>
    internal static IEnumerable<(LocalDate Date, PeriodKind Period, Duration Length)> Split(Visit v, PolicyEngine engine, DateTimeZone zone)
    {
        var t = v.Start;
        while (t < v.End)
        {
            var ctx = engine.Resolve(t, v.Role);
            var date = ctx.Local.Date;
            var boundary = ctx.SegmentEndSecond >= 86400
                ? zone.AtStartOfDay(date.PlusDays(1)).ToInstant()
                : zone.AtLeniently(date.AtMidnight().PlusSeconds(ctx.SegmentEndSecond)).ToInstant();
            if (boundary <= t) boundary = t + Duration.FromSeconds(1);   // DST: the local boundary lies in a skipped hour
            var next = boundary < v.End ? boundary : v.End;
            yield return (date, ctx.Period, next - t);
            t = next;
        }
    }
}
