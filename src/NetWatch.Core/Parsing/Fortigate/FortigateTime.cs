using NetWatch.Core.Parsing.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace NetWatch.Core.Parsing.Fortigate;

/// <summary>
/// When a FortiGate line was written. <c>eventtime</c> (epoch, in s, ms, µs or ns by FortiOS version) is exact and
/// is preferred; otherwise <c>date=yyyy-MM-dd time=HH:mm:ss</c> in the offset <c>tz="+0100"</c> (FortiOS 6.2+) or,
/// without <c>tz</c>, in <see cref="ParserOptions.TimeZone"/>.
/// </summary>
internal static class FortigateTime
{
    public static bool TryRead(in FortigateRecord r, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (TryEventTime(r.EventTime, out instant)) return true;
        return TryReadDateTime(r.Date, r.Time, r.Tz, zone, out instant);
    }

    /// <summary>
    /// Epoch seconds, milliseconds, microseconds or nanoseconds told apart by length (FortiOS 6.0 writes seconds,
    /// 6.2+ nanoseconds): up to 10 digits are seconds, 11-13 ms, 14-16 µs, 17-19 ns.
    /// </summary>
    private static bool TryEventTime(ReadOnlySpan<char> e, out Instant instant)
    {
        instant = default;
        if (e.IsEmpty || e.Length > 19 || e.ContainsAnyExceptInRange('0', '9')) return false;
        var secondDigits = e.Length - e.Length switch { <= 10 => 0, <= 13 => 3, <= 16 => 6, _ => 9 };
        if (!SpanNumbers.TryParseInt64(e[..secondDigits], out var seconds) || seconds == 0) return false;
        long nanos = 0;
        var fraction = e[secondDigits..];
        if (!fraction.IsEmpty && !SpanNumbers.TryParseInt64(fraction, out nanos)) return false;
        for (var i = fraction.Length; i < 9; i++) nanos *= 10;
        instant = Instant.FromUnixTimeSeconds(seconds).PlusNanoseconds(nanos);
        return true;
    }

    private static bool TryReadDateTime(ReadOnlySpan<char> d, ReadOnlySpan<char> t, ReadOnlySpan<char> tz, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (d.Length != 10 || d[4] != '-' || d[7] != '-' || t.Length != 8 || t[2] != ':' || t[5] != ':') return false;
        if (!SpanNumbers.TryParseInt32(d[..4], out var y) || !SpanNumbers.TryParseInt32(d.Slice(5, 2), out var mo)
            || !SpanNumbers.TryParseInt32(d.Slice(8, 2), out var day) || !SpanNumbers.TryParseInt32(t[..2], out var h)
            || !SpanNumbers.TryParseInt32(t.Slice(3, 2), out var mi) || !SpanNumbers.TryParseInt32(t.Slice(6, 2), out var sec))
            return false;
        if (y is < 1 or > 9999 || mo is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
            return false;
        var local = new LocalDateTime(y, mo, day, h, mi, sec);
        instant = TryOffset(tz, out var offset)
            ? local.WithOffset(offset).ToInstant()
            : zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
        return true;
    }

    /// <summary><c>+0100</c>, <c>-08:00</c>, optionally after letters (<c>UTC+0100</c>).</summary>
    private static bool TryOffset(ReadOnlySpan<char> tz, out Offset offset)
    {
        offset = default;
        while (!tz.IsEmpty && char.IsAsciiLetter(tz[0])) tz = tz[1..];
        if (tz.Length < 3 || tz[0] is not ('+' or '-')) return false;
        var sign = tz[0] == '-' ? -1 : 1;
        var body = tz[1..];
        int hours, minutes = 0;
        if (body.Length == 4 && SpanNumbers.TryParseInt32(body[..2], out hours) && SpanNumbers.TryParseInt32(body[2..], out minutes)) { }
        else if (body.Length == 5 && body[2] == ':' && SpanNumbers.TryParseInt32(body[..2], out hours) && SpanNumbers.TryParseInt32(body[3..], out minutes)) { }
        else if (body.Length is 1 or 2 && SpanNumbers.TryParseInt32(body, out hours)) { }
        else return false;
        if (hours > 18 || minutes > 59) return false;
        offset = Offset.FromSeconds(sign * (hours * 3600 + minutes * 60));
        return true;
    }
}
