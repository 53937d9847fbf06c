namespace NetWatch.Core.Parsing.Text;

/// <summary>Digit-only number parsing on spans, no culture, no sign, no allocation.</summary>
internal static class SpanNumbers
{
    /// <summary>Reads 1..18 ASCII digits.</summary>
    public static bool TryParseInt64(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18) return false;
        foreach (var c in s)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>Reads 1..9 ASCII digits.</summary>
    public static bool TryParseInt32(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length > 9 || !TryParseInt64(s, out var v)) return false;
        value = (int)v;
        return true;
    }

    /// <summary>An HTTP status as logged: three digits; 000 (no reply) is null.</summary>
    public static bool TryParseStatus(ReadOnlySpan<char> s, out int? status)
    {
        status = null;
        if (!TryParseInt32(s, out var v) || v > 999) return false;
        if (v != 0) status = v;
        return true;
    }

    /// <summary>An optional number: empty (or <paramref name="absent"/>, e.g. W3C's "-") is null; else 1..18 digits.</summary>
    public static bool TryParseOptionalInt64(ReadOnlySpan<char> s, out long? value, string? absent = null)
    {
        value = null;
        if (s.IsEmpty || absent is not null && s.SequenceEqual(absent)) return true;
        if (!TryParseInt64(s, out var v)) return false;
        value = v;
        return true;
    }
}
