using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NodaTime;

namespace NetWatch.Core.Visits;

/// <summary>One person's personal use on one local date: minutes inside working hours and in all.</summary>
public sealed record DailyPersonalUse(string Person, LocalDate Date, Duration InWorkingHours, Duration Total,
    bool OverDailyLimit, string? Clause);

/// <summary>One person's personal use in one ISO week, and whether it is "excessive" by the policy's threshold.</summary>
public sealed record WeeklyPersonalUse(string Person, int WeekYear, int Week, Duration Total, bool Excessive, string? Clause);

/// <summary>
/// Personal-use time from visits: the time their requests judged personal own (<see cref="Visit.PersonalTime"/>),
/// in working hours when the verdict was personal-working-hours. The policy's verdict is the one decision: a
/// policy that flags personal use as working-hours use at any time (002) counts those minutes so here too. Cut at
/// local midnight, summed per day and ISO week, and checked against the thresholds.
/// </summary>
public static class PersonalUse
{
    public static (IReadOnlyList<DailyPersonalUse> Daily, IReadOnlyList<WeeklyPersonalUse> Weekly) Tally(
        IEnumerable<Visit> visits, PolicyEngine engine)
    {
        var zone = engine.Policy.TimeZone;
        var daily = new Dictionary<(string, LocalDate), (Duration Working, Duration Total)>();
        foreach (var v in visits)
            foreach (var span in v.PersonalTime)
                foreach (var (date, length) in SplitAtMidnight(span, zone))
                {
                    var key = (v.Person, date);
                    daily.TryGetValue(key, out var sum);
                    daily[key] = (sum.Working + (span.InWorkingHours ? length : Duration.Zero), sum.Total + length);
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

    /// <summary>Cuts a span at local midnight.</summary>
    internal static IEnumerable<(LocalDate Date, Duration Length)> SplitAtMidnight(PersonalSpan span, DateTimeZone zone)
    {
        var t = span.Start;
        while (t < span.End)
        {
            var date = t.InZone(zone).Date;
            var midnight = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            var next = midnight < span.End ? midnight : span.End;
            yield return (date, next - t);
            t = next;
        }
    }
}
