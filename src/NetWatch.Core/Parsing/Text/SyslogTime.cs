using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// The timestamps syslog writers put before a message: BSD <c>Nov 22 10:00:01</c> (RFC 3164: local time, no year;
/// the day may be space-padded, <c>Jul  3</c>) and RFC 3339 <c>2026-11-22T10:00:01.123+00:00</c> (RFC 5424, rsyslog).
/// </summary>
internal static class SyslogTime
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The month number of a three-letter English month name, or 0.</summary>
    public static int Month(ReadOnlySpan<char> m)
    {
        if (m.Length != 3) return 0;
        for (var i = 0; i < Months.Length; i++)
            if (m.SequenceEqual(Months[i])) return i + 1;
        return 0;
    }

    public static string MonthName(int month) => Months[month - 1];

    /// <summary>
    /// Reads <c>Mmm dd HH:mm:ss</c> at the start of <paramref name="s"/> and returns how many characters it took
    /// (0 when it is not there). The year comes from <see cref="ParserOptions.ReferenceYear"/> or the clock (see there).
    /// </summary>
    public static int TryReadBsd(ReadOnlySpan<char> s, ParserOptions options, out Instant instant)
    {
        instant = default;
        if (s.Length < 14 || s[3] != ' ') return 0;
        var month = Month(s[..3]);
        if (month == 0) return 0;
        var i = 4;
        if (s[i] == ' ') i++;
        var dayStart = i;
        while (i < s.Length && i - dayStart < 2 && char.IsAsciiDigit(s[i])) i++;
        if (i == dayStart || !SpanNumbers.TryParseInt32(s[dayStart..i], out var day)) return 0;
        if (i + 9 > s.Length || s[i] != ' ') return 0;
        var t = s.Slice(i + 1, 8);
        if (t[2] != ':' || t[5] != ':' || !SpanNumbers.TryParseInt32(t[..2], out var h)
            || !SpanNumbers.TryParseInt32(t.Slice(3, 2), out var mi) || !SpanNumbers.TryParseInt32(t.Slice(6, 2), out var sec)
            || h > 23 || mi > 59 || sec > 59 || day is < 1 or > 31)
            return 0;
        if (!TryResolveYear(month, day, new LocalTime(h, mi, sec), options, out instant)) return 0;
        return i + 9;
    }

    private static bool TryResolveYear(int month, int day, LocalTime time, ParserOptions options, out Instant instant)
    {
        instant = default;
        var zone = options.TimeZone;
        if (options.ReferenceYear is { } fixedYear)
            return TryAt(fixedYear, month, day, time, zone, out instant);

        var now = options.Clock.GetCurrentInstant();
        var year = now.InZone(zone).Year;
        // A time more than a day ahead of now was written last year (a December log read in January).
        for (var y = year; y >= year - 4; y--)
        {
            if (TryAt(y, month, day, time, zone, out instant) && instant <= now + Duration.FromDays(1)) return true;
        }
        return false;
    }

    private static bool TryAt(int year, int month, int day, LocalTime time, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (year is < 1 or > 9999 || day > CalendarSystem.Iso.GetDaysInMonth(year, month)) return false;
        instant = zone.ResolveLocal(new LocalDate(year, month, day).At(time), Resolvers.LenientResolver).ToInstant();
        return true;
    }

    /// <summary>An RFC 3339 timestamp with an offset or Z, e.g. <c>2026-11-22T10:00:01.123456+00:00</c>.</summary>
    public static bool TryParseIso(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        if (s.Length is < 20 or > 40 || s[4] != '-' || s[10] != 'T') return false;
        var r = OffsetDateTimePattern.ExtendedIso.Parse(s.ToString());
        if (!r.Success) return false;
        instant = r.Value.ToInstant();
        return true;
    }

    /// <summary><c>Mmm dd HH:mm:ss</c> (day space-padded, as syslogd writes it) in <paramref name="zone"/>.</summary>
    public static string FormatBsd(Instant instant, DateTimeZone zone)
    {
        var t = instant.InZone(zone).LocalDateTime;
        return $"{MonthName(t.Month)} {t.Day,2} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}";
    }
}
