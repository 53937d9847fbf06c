using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetWatch.Core.Urls;

/// <summary>Normalises a host name the way every NetWatch matcher compares them.</summary>
public static class HostName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    /// <summary>
    /// Lower-case ASCII form of a host (punycode for IDN), without a trailing dot or IPv6 brackets;
    /// IP literals in canonical text form. Null when the text is not a usable host. Never throws.
    /// </summary>
    public static string? ToAscii(ReadOnlySpan<char> host)
    {
        host = host.Trim();
        if (host.Length >= 2 && host[0] == '[' && host[^1] == ']')
            return CanonicalIPv6(host[1..^1]);
        while (host.Length > 0 && host[^1] == '.') host = host[..^1];
        while (host.Length > 0 && host[0] == '.') host = host[1..];
        if (host.Length == 0 || host.Length > 253) return null;
        if (host.Contains(':')) return CanonicalIPv6(host);
        if (host.Contains("..", StringComparison.Ordinal)) return null;

        var ascii = true;
        foreach (var c in host)
        {
            if (c > 0x7f) { ascii = false; continue; }
            if (c <= ' ' || c is '/' or '\\' or '?' or '#' or '@' or '[' or ']' or '%' or '"' or '<' or '>' or '^' or '|' or '`' or '{' or '}')
                return null;
        }
        if (ascii)
        {
            if (IsAsciiLower(host)) return host.ToString();
            return string.Create(host.Length, host, static (dst, src) => src.ToLowerInvariant(dst));
        }
        try
        {
            return Idn.GetAscii(host.ToString().ToLowerInvariant()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The Unicode form of a punycode host (itself when it has no xn-- label). Never throws.</summary>
    public static string ToUnicode(string asciiHost)
    {
        if (!asciiHost.Contains("xn--", StringComparison.Ordinal)) return asciiHost;
        try { return Idn.GetUnicode(asciiHost); }
        catch (ArgumentException) { return asciiHost; }
    }

    /// <summary>True for a dotted-quad IPv4 literal or an IPv6 literal (already normalised).</summary>
    public static bool IsIpLiteral(ReadOnlySpan<char> host)
    {
        if (host.Contains(':')) return true;
        if (host.Length == 0 || !char.IsAsciiDigit(host[^1])) return false;
        return IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && IsDottedQuad(host);
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> host)
    {
        var dots = 0;
        foreach (var c in host)
        {
            if (c == '.') dots++;
            else if (!char.IsAsciiDigit(c)) return false;
        }
        return dots == 3;
    }

    private static string? CanonicalIPv6(ReadOnlySpan<char> text)
    {
        var zone = text.IndexOf('%');
        if (zone >= 0) text = text[..zone];
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) return null;
        return ip.ToString();
    }

    private static bool IsAsciiLower(ReadOnlySpan<char> s)
    {
        foreach (var c in s) if (char.IsAsciiLetterUpper(c)) return false;
        return true;
    }
}
