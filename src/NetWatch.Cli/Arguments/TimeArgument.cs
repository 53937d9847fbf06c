using NodaTime;
using NodaTime.Text;

namespace NetWatch.Cli.Arguments;

/// <summary>
/// Reads a --from/--to time: an ISO-8601 instant with Z or an offset ("2026-11-22T22:24:51Z"), or a local
/// date or date-time in the school's zone ("2026-11-22", "2026-11-22T08:30", "2026-11-22 08:30:00").
/// A local time that falls in the DST gap moves forward by the gap (01:30 → 02:30 BST); one in the repeated
/// hour takes the earlier instant.
/// </summary>
public static class TimeArgument
{
    private static readonly IPattern<OffsetDateTime>[] OffsetPatterns =
    [
        OffsetDateTimePattern.ExtendedIso,
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss;FFFFFFFFFo<G>"),
    ];

    private static readonly IPattern<LocalDateTime>[] LocalPatterns =
    [
        LocalDateTimePattern.ExtendedIso,
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    public static bool TryParse(string text, DateTimeZone zone, out Instant instant)
    {
        text = text.Trim();
        foreach (var pattern in OffsetPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                instant = result.Value.ToInstant();
                return true;
            }
        }
        foreach (var pattern in LocalPatterns)
        {
            var result = pattern.Parse(text);
            if (result.Success)
            {
                instant = result.Value.InZoneLeniently(zone).ToInstant();
                return true;
            }
        }
        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            instant = zone.AtStartOfDay(date.Value).ToInstant();
            return true;
        }
        instant = default;
        return false;
    }

    public static Instant Parse(string optionName, string text, DateTimeZone zone) =>
        TryParse(text, zone, out var instant)
            ? instant
            : throw new UsageException($"{optionName} '{text}' is not a time: use e.g. 2026-11-22, 2026-11-22T08:30 (school local time) or 2026-11-22T08:30:00Z");
}
