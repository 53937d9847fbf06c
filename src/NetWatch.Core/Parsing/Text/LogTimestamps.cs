using NodaTime;
using NodaTime.TimeZones;

namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// Fixed-layout wall-clock timestamps: e2guardian's <c>yyyy.MM.dd HH:mm:ss</c> (local, no offset) and the
/// Common Log Format's <c>dd/MMM/yyyy:HH:mm:ss +zzzz</c>. Hand-written because they sit on the hot path.
/// </summary>
internal static class LogTimestamps
{
    /// <summary>
    /// e2guardian <c>2026.11.22 22:26:19</c> in <paramref name="zone"/>. Local times are mapped leniently:
    /// in the repeated autumn hour the EARLIER instant is taken (the log does not say which), and a time in the
    /// skipped spring hour (which a correct clock never writes) is moved forward by the length of the gap.
    /// </summary>
    public static bool TryParseE2Guardian(ReadOnlySpan<char> s, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (s.Length != 19 || s[4] != '.' || s[7] != '.' || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var mo) || !TryDigits(s.Slice(8, 2), out var d)
            || !TryDigits(s.Slice(11, 2), out var h) || !TryDigits(s.Slice(14, 2), out var mi) || !TryDigits(s.Slice(17, 2), out var sec))
            return false;
        if (!TryLocal(y, mo, d, h, mi, sec, out var local)) return false;
        instant = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
        return true;
    }

    /// <summary>Common Log Format <c>22/Nov/2026:22:24:47 +0000</c> (without the brackets).</summary>
    public static bool TryParseClf(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        if (s.Length != 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' || s[20] != ' ')
            return false;
        var mo = MonthNumber(s.Slice(3, 3));
        if (mo == 0 || !TryDigits(s[..2], out var d) || !TryDigits(s.Slice(7, 4), out var y) || !TryDigits(s.Slice(12, 2), out var h)
            || !TryDigits(s.Slice(15, 2), out var mi) || !TryDigits(s.Slice(18, 2), out var sec)
            || !TryDigits(s.Slice(22, 2), out var oh) || !TryDigits(s.Slice(24, 2), out var om))
            return false;
        if (s[21] is not ('+' or '-') || oh > 18 || om > 59 || !TryLocal(y, mo, d, h, mi, sec, out var local)) return false;
        var offsetSeconds = (oh * 3600 + om * 60) * (s[21] == '-' ? -1 : 1);
        if (Math.Abs(offsetSeconds) > 18 * 3600) return false;
        instant = local.WithOffset(Offset.FromSeconds(offsetSeconds)).ToInstant();
        return true;
    }

    public static string FormatE2Guardian(Instant instant, DateTimeZone zone)
    {
        var t = instant.InZone(zone).LocalDateTime;
        return $"{t.Year:D4}.{t.Month:D2}.{t.Day:D2} {t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}";
    }

    /// <summary>CLF text in UTC (<c>+0000</c>), as Squid writes it on a UTC machine.</summary>
    public static string FormatClf(Instant instant)
    {
        var t = instant.InUtc().LocalDateTime;
        return $"{t.Day:D2}/{MonthNames[t.Month - 1]}/{t.Year:D4}:{t.Hour:D2}:{t.Minute:D2}:{t.Second:D2} +0000";
    }

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private static int MonthNumber(ReadOnlySpan<char> m)
    {
        for (var i = 0; i < MonthNames.Length; i++)
            if (m.SequenceEqual(MonthNames[i])) return i + 1;
        return 0;
    }

    private static bool TryLocal(int y, int mo, int d, int h, int mi, int sec, out LocalDateTime local)
    {
        local = default;
        if (y is < 1 or > 9999 || mo is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, mo)
            || h > 23 || mi > 59 || sec > 59)
            return false;
        local = new LocalDateTime(y, mo, d, h, mi, sec);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value) => SpanNumbers.TryParseInt32(s, out value);
}
