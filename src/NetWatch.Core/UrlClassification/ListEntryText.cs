using System.Text;
using NetWatch.Core.Urls;

namespace NetWatch.Core.UrlClassification;

/// <summary>Turns one line of a squidGuard/UT1 list into the normalised text NetWatch stores and matches.</summary>
internal static class ListEntryText
{
    /// <summary>A line without surrounding white space; empty for blank and '#' comment lines.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Content(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[0] > (byte)' ' && line[^1] > (byte)' ')
            return line[0] == (byte)'#' ? default : line;
        line = line.Trim(" \t\r\n\f\v"u8);
        return !line.IsEmpty && line[0] == (byte)'#' ? default : line;
    }

    /// <summary>Already normalised: lower-case ASCII letters, digits, '-', '_' and dots between non-empty labels.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool IsPlainHost(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text[0] == '.' || text[^1] == '.') return false;
        var previous = (byte)0;
        foreach (var b in text)
        {
            if (b == '.' && previous == '.') return false;
            if (!(b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'0' and <= (byte)'9' || b is (byte)'-' or (byte)'_' or (byte)'.'))
                return false;
            previous = b;
        }
        return true;
    }

    /// <summary>A dotted-quad IPv4 address (each part 0-255) in ASCII bytes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool IsDottedQuad(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty || text.Length > 15 || !char.IsAsciiDigit((char)text[^1])) return false;
        var parts = 0;
        var value = 0;
        var digits = 0;
        foreach (var b in text)
        {
            if (b == '.')
            {
                if (digits == 0) return false;
                parts++;
                value = 0;
                digits = 0;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'9' || ++digits > 3) return false;
            value = value * 10 + (b - '0');
            if (value > 255) return false;
        }
        return parts == 3 && digits > 0;
    }

    /// <summary>A domains entry in any accepted spelling (upper case, IDN, "*.x", ".x", "x.", "x:port", "[v6]") → ASCII host.</summary>
    public static string? NormaliseHost(string text)
    {
        var span = text.AsSpan().Trim();
        if (span.StartsWith("*.")) span = span[2..];
        var colon = span.LastIndexOf(':');
        if (colon > 0 && span.IndexOf(':') == colon && IsDigits(span[(colon + 1)..])) span = span[..colon];
        return HostName.ToAscii(span);
    }

    /// <summary>Drops a leading "www.", "wwwN.", "webN." or "ftp." label from a URL entry's host, as squidGuard does.</summary>
    public static string StripWwwLike(string host)
    {
        var dot = host.IndexOf('.');
        if (dot <= 0 || host.IndexOf('.', dot + 1) < 0) return host;
        var label = host.AsSpan(0, dot);
        var isWwwLike = label.SequenceEqual("www") || label.SequenceEqual("ftp")
            || (label.StartsWith("www") && IsDigits(label[3..]))
            || (label.StartsWith("web") && IsDigits(label[3..]));
        return isWwwLike ? host[(dot + 1)..] : host;
    }

    public static bool IsDigits(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }

    public static string Decode(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);
}
