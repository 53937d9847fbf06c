namespace NetWatch.Core.Parsing.Text;

/// <summary>A cheap shape check for logged client addresses (IPv4 dotted or IPv6 hex/colon), without allocating.</summary>
internal static class IpText
{
    public static bool LooksLikeIp(ReadOnlySpan<char> s)
    {
        if (s.Length is < 2 or > 45) return false;
        var colons = 0;
        var dots = 0;
        foreach (var c in s)
        {
            if (c == ':') colons++;
            else if (c == '.') dots++;
            else if (!char.IsAsciiHexDigit(c)) return false;
        }
        return colons >= 2 || (dots == 3 && colons == 0 && !s.ContainsAnyInRange('a', 'f') && !s.ContainsAnyInRange('A', 'F'));
    }
}
