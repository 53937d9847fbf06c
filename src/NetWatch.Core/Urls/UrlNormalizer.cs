using NetWatch.Core.Events;

namespace NetWatch.Core.Urls;

/// <summary>
/// Splits a logged URL (absolute URL, CONNECT authority "host:port", or anything else) into url.* parts.
/// A hand-written span splitter: System.Uri is slow and rejects much of what proxies log. Never throws:
/// text that has no recognisable host gives a <see cref="UrlParts"/> with only <see cref="UrlParts.Original"/>.
/// </summary>
public static class UrlNormalizer
{
    public static UrlParts Parse(string original, string? method = null)
    {
        original ??= "";
        try
        {
            return Split(original, IsConnect(method));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            return new UrlParts { Original = original };
        }
    }

    /// <summary>Whether <see cref="Parse"/> reads the URL as a CONNECT's authority ("host:port") for this method.</summary>
    public static bool IsConnect(string? method) => string.Equals(method, "CONNECT", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The canonical text of parsed parts: lower-case scheme and host, the port only when not the scheme's default,
    /// path and query as logged. Parsing it again gives the same parts (normalisation is idempotent).
    /// Null when the parts carry no host.
    /// </summary>
    public static string? ToCanonical(UrlParts parts)
    {
        if (parts.Domain is null) return null;
        var host = parts.Domain.Contains(':') ? "[" + parts.Domain + "]" : parts.Domain;
        if (parts.Scheme is null) return $"{host}:{parts.Port}";
        var port = parts.Port is { } p && p != DefaultPort(parts.Scheme) ? ":" + p : "";
        var query = parts.Query is null ? "" : "?" + parts.Query;
        return $"{parts.Scheme}://{host}{port}{parts.Path}{query}";
    }

    public static int? DefaultPort(string scheme) => scheme switch
    {
        "http" or "ws" => 80,
        "https" or "wss" => 443,
        "ftp" => 21,
        _ => null,
    };

    private static UrlParts Split(string original, bool connect)
    {
        var s = original.AsSpan().Trim();
        var sep = s.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0 && (connect || LooksLikeAuthority(s)))
        {
            if (s.IndexOfAny('/', '?', '#') >= 0 || !TrySplitAuthority(s, out var h, out var p) || p is null)
                return new UrlParts { Original = original };
            return Build(original, null, h, p, tailFromOriginal: false);
        }
        if (sep <= 0 || !IsScheme(s[..sep])) return new UrlParts { Original = original };

        var scheme = Scheme(s[..sep]);
        UrlTail.Split(s[(sep + 3)..], out var authority, out _, out _);
        if (!TrySplitAuthority(authority, out var host, out var port)) return new UrlParts { Original = original };
        // The path and query are what UrlTail.TryFind finds in the original (the same trim, "://" and split): the
        // parts read them from it rather than keep strings of their own.
        return Build(original, scheme, host, port ?? DefaultPort(scheme), tailFromOriginal: true);
    }

    private static UrlParts Build(string original, string? scheme, HostCache.Info host, int? port, bool tailFromOriginal) => new()
    {
        Original = original,
        Scheme = scheme,
        Domain = host.Domain,
        DomainUnicode = host.DomainUnicode,
        Port = port,
        TailFromOriginal = tailFromOriginal, // after Original
        TopLevelDomain = host.TopLevelDomain,
        RegisteredDomain = host.RegisteredDomain,
    };

    private static string Scheme(ReadOnlySpan<char> s) =>
        s.Equals("http", StringComparison.OrdinalIgnoreCase) ? "http"
        : s.Equals("https", StringComparison.OrdinalIgnoreCase) ? "https"
        : s.ToString().ToLowerInvariant();

    /// <summary>host[:port] after removing user info; the host normalised through <see cref="HostCache"/>.</summary>
    internal static bool TrySplitAuthority(ReadOnlySpan<char> authority, out HostCache.Info host, out int? port)
    {
        host = null!;
        port = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        ReadOnlySpan<char> hostText, portText = default;
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0) return false;
            hostText = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':') return false;
                portText = after[1..];
            }
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            if (colon >= 0 && authority.IndexOf(':') != colon) return false; // bare IPv6 without brackets
            hostText = colon < 0 ? authority : authority[..colon];
            if (colon >= 0) portText = authority[(colon + 1)..];
        }
        if (!portText.IsEmpty)
        {
            if (portText.Length > 5 || !int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var p) || p > 65535)
                return false;
            port = p;
        }
        var info = HostCache.Get(hostText);
        if (info is null) return false;
        host = info;
        return true;
    }

    internal static bool IsScheme(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || !char.IsAsciiLetter(s[0])) return false;
        foreach (var c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        return true;
    }

    /// <summary>"host:port" with a numeric port and nothing after it, as CONNECT requests are logged.</summary>
    internal static bool LooksLikeAuthority(ReadOnlySpan<char> s)
    {
        var colon = s.LastIndexOf(':');
        if (colon <= 0 || colon == s.Length - 1) return false;
        foreach (var c in s[(colon + 1)..]) if (!char.IsAsciiDigit(c)) return false;
        return s.IndexOfAny('/', '?', ' ') < 0;
    }
}
