using NetWatch.Storage.Contracts.Aggregates;
using NodaTime;
using NodaTime.Calendars;
using NodaTime.Text;

namespace NetWatch.Storage.Aggregates;

/// <summary>One time bucket: [Start, End) in UTC, and its label in the school's zone.</summary>
internal sealed record TimeBucketRange(Instant Start, Instant End, string Label);

/// <summary>
/// Cuts [from, to) into local hours, days, ISO weeks (from Monday) or the school's terms, in a zone, with NodaTime:
/// a day is 23 or 25 hours across a clock change, and the hour repeated when the clocks go back is two buckets,
/// labelled with their offsets. The store then groups by these UTC ranges, so DuckDB needs no time zone data.
/// </summary>
internal static class TimeBuckets
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("uuuu-MM-dd");
    private static readonly OffsetDateTimePattern Hour = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<m>");

    public static List<TimeBucketRange> Cut(TimeBucket bucket, DateTimeZone zone, IReadOnlyList<TermRange> terms, Instant from, Instant to)
    {
        var buckets = new List<TimeBucketRange>();
        if (bucket == TimeBucket.Term)
        {
            foreach (var term in terms)
                buckets.Add(new TimeBucketRange(zone.AtStartOfDay(term.Start).ToInstant(), zone.AtStartOfDay(term.End.PlusDays(1)).ToInstant(), term.Name));
            return buckets;
        }
        if (from >= to) return buckets;
        var start = StartOf(bucket, zone, from);
        while (start < to)
        {
            var end = StartOf(bucket, zone, Next(bucket, zone, start));
            buckets.Add(new TimeBucketRange(start, end, Label(bucket, zone, start)));
            start = end;
        }
        return buckets;
    }

    /// <summary>An instant inside the bucket after the one starting at <paramref name="start"/>.</summary>
    private static Instant Next(TimeBucket bucket, DateTimeZone zone, Instant start) => bucket switch
    {
        TimeBucket.Hour => start + Duration.FromHours(1),
        TimeBucket.Day => zone.AtStartOfDay(start.InZone(zone).Date.PlusDays(1)).ToInstant(),
        TimeBucket.Week => zone.AtStartOfDay(start.InZone(zone).Date.PlusWeeks(1)).ToInstant(),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
    };

    /// <summary>The start of the bucket holding <paramref name="t"/>.</summary>
    private static Instant StartOf(TimeBucket bucket, DateTimeZone zone, Instant t)
    {
        var local = t.InZone(zone);
        switch (bucket)
        {
            case TimeBucket.Day:
                return zone.AtStartOfDay(local.Date).ToInstant();
            case TimeBucket.Week:
                return zone.AtStartOfDay(local.Date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday))).ToInstant();
            case TimeBucket.Hour:
                var hour = local.Date.At(new LocalTime(local.Hour, 0));
                var mapping = zone.MapLocal(hour);
                // In the hour repeated when clocks go back, the start with this instant's offset.
                return mapping.Count switch
                {
                    0 => zone.AtLeniently(hour).ToInstant(),
                    1 => mapping.Single().ToInstant(),
                    _ => (mapping.First().Offset == local.Offset ? mapping.First() : mapping.Last()).ToInstant(),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null);
        }
    }

    private static string Label(TimeBucket bucket, DateTimeZone zone, Instant start)
    {
        var local = start.InZone(zone);
        return bucket switch
        {
            TimeBucket.Hour => Hour.Format(local.ToOffsetDateTime()),
            TimeBucket.Day => Day.Format(local.Date),
            _ => $"{WeekYearRules.Iso.GetWeekYear(local.Date)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(local.Date):00}",
        };
    }
}
