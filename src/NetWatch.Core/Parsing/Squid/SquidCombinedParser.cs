using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>
/// Squid's built-in <c>combined</c> format:
/// <c>%>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %&lt;st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh</c>.
/// Header values are NOT escaped: a user agent may contain a bare <c>"</c> (<c>(compatible; "SchoolBot"/1.0; …)</c>).
/// So the line is read from both ends: address, ident, user (which may contain spaces, up to the <c>[time]</c>),
/// request, status, size and referer from the left; the <c>%Ss:%Sh</c> token from the right; the user agent is
/// everything between the referer's closing <c>" "</c> and the last quote. The log time is seconds only and
/// there is no elapsed time, so event.start and event.duration stay empty.
/// </summary>
public sealed class SquidCombinedParser : ILogLineParser
{
    public const string FormatName = "squid-combined";

    private const int ClfLength = 26; // 22/Nov/2026:22:24:47 +0000

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var f = new SquidEventFactory.Fields();
        var t = new SpaceTokenizer(line);
        if (!t.TakeFirst(out f.Ip) || !t.TakeFirst(out _))
            return ParseResult.Fail(ParseReasons.FieldCount, "expected address and ident");
        var rest = t.Rest;

        var close = rest.IndexOf("] \"");
        var open = close - ClfLength - 1;
        if (close < 0 || open < 2 || rest[open] != '[' || rest[open - 1] != ' ')
            return ParseResult.Fail(ParseReasons.FieldCount, "expected '[dd/Mon/yyyy:HH:mm:ss +zzzz] \"'");
        f.User = rest[..(open - 1)].TrimEnd(' ');
        if (!LogTimestamps.TryParseClf(rest[(open + 1)..close], out f.Timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "bad [%tl] time");
        rest = rest[(close + 3)..];

        if (!TrySplitRequest(ref rest, ref f, out var failure)) return failure;

        // rest is now: referer" "user-agent" %Ss:%Sh
        var refEnd = rest.IndexOf("\" \"");
        if (refEnd < 0) return ParseResult.Fail(ParseReasons.BadQuoting, "expected \"referer\" \"user-agent\"");
        var referer = rest[..refEnd];
        rest = rest[(refEnd + 3)..].TrimEnd(' ');
        var lastSpace = rest.LastIndexOf(' ');
        if (lastSpace < 1 || rest[lastSpace - 1] != '"')
            return ParseResult.Fail(ParseReasons.BadQuoting, "expected the user agent's closing quote before %Ss:%Sh");
        var ua = rest[..(lastSpace - 1)];
        var codes = rest[(lastSpace + 1)..];
        var colon = codes.IndexOf(':');
        if (colon <= 0) return ParseResult.Fail(ParseReasons.FieldCount, "expected %Ss:%Sh at the end");
        f.ResultCode = codes[..colon];
        f.Hierarchy = codes[(colon + 1)..];
        f.Referrer = referer is "-" || referer.IsEmpty ? null : referer.ToString();
        f.UserAgent = ua is "-" || ua.IsEmpty ? null : ua.ToString();

        if (!IpText.LooksLikeIp(f.Ip)) return ParseResult.Fail(ParseReasons.BadAddress, "client address is not an IP");
        return SquidEventFactory.Create(FormatName, SquidEventFactory.Dataset, SquidEventFactory.Product, line, origin, f);
    }

    /// <summary>
    /// Reads <c>METHOD URL PROTO/VER" STATUS SIZE "</c> from the start of <paramref name="rest"/> (just after the
    /// request's opening quote) and leaves <paramref name="rest"/> just after the referer's opening quote. The
    /// request's closing quote is the first <c>"</c> followed by <c> digits digits "</c>.
    /// </summary>
    private static bool TrySplitRequest(ref ReadOnlySpan<char> rest, ref SquidEventFactory.Fields f, out ParseResult failure)
    {
        failure = default;
        var searchFrom = 0;
        while (true)
        {
            var q = rest[searchFrom..].IndexOf("\" ");
            if (q < 0)
            {
                failure = ParseResult.Fail(ParseReasons.BadQuoting, "request line is not closed by '\" status size'");
                return false;
            }
            q += searchFrom;
            var after = new SpaceTokenizer(rest[(q + 2)..]);
            if (after.TakeFirst(out var status) && after.TakeFirst(out var bytes) && after.Rest.StartsWith('"')
                && SpanNumbers.TryParseStatus(status, out f.Status) && SpanNumbers.TryParseInt64(bytes, out var size))
            {
                f.Bytes = size;
                var request = new SpaceTokenizer(rest[..q]);
                if (!request.TakeFirst(out f.Method) || !request.TakeLast(out var version) || request.Rest.IsEmpty)
                {
                    failure = ParseResult.Fail(ParseReasons.FieldCount, "request line is not 'METHOD URL PROTOCOL/VERSION'");
                    return false;
                }
                f.Url = request.Rest;
                f.HttpVersion = version.StartsWith("HTTP/") ? version[5..] : version;
                rest = after.Rest[1..];
                return true;
            }
            searchFrom = q + 1;
        }
    }
}
