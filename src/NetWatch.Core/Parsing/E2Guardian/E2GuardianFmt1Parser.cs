using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.E2Guardian;

/// <summary>
/// e2guardian <c>logfileformat = 1</c> (DansGuardian): the 19-field list separated by single spaces, with local
/// time <c>yyyy.MM.dd HH:mm:ss</c>. The reason, category and user agent contain spaces, so the line cannot be
/// split on spaces. It is read from both ends and anchored on tokens whose shape is known:
/// <list type="bullet">
/// <item>left: date and time; the user (which may contain a space) ends where an IP address followed by a URL
/// begins; right: params, logid1, logid2, postdata (one token each);</item>
/// <item>the "what" field ends where <c>METHOD size weight</c> begins (an upper-case word and two numbers);</item>
/// <item>the category ends where <c>group code</c> begins (a number and a three-digit status);</item>
/// <item>then mime, clienthost, groupname (one token each); the user agent is what remains.</item>
/// </list>
/// </summary>
public sealed class E2GuardianFmt1Parser(ParserOptions options) : ILogLineParser
{
    public const string FormatName = "e2guardian-1";

    private readonly DateTimeZone _zone = options.TimeZone;

    public E2GuardianFmt1Parser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var r = new E2GuardianRecord();
        if (line.Length < 20 || line[19] != ' ' || !LogTimestamps.TryParseE2Guardian(line[..19], _zone, out r.Timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "expected 'yyyy.MM.dd HH:mm:ss ' at the start");

        // The user name may contain a space: it ends where "ip url" begins.
        var afterTime = line[20..];
        var ipAt = TokenScan.FindAnchor(afterTime, IpText.LooksLikeIp, TokenScan.IsUrlLike, TokenScan.Any);
        if (ipAt < 0) return ParseResult.Fail(ParseReasons.FieldCount, "no 'ip url' after the user");
        r.User = afterTime[..ipAt].TrimEnd(' ');
        var t = new SpaceTokenizer(afterTime[ipAt..]);
        if (!t.TakeFirst(out r.Ip) || !t.TakeFirst(out r.Url)
            || !t.TakeLast(out _) || !t.TakeLast(out _) || !t.TakeLast(out _) || !t.TakeLast(out _))
            return ParseResult.Fail(ParseReasons.FieldCount, "too few fields");
        var middle = t.Rest;

        var methodAt = TokenScan.FindAnchor(middle, TokenScan.IsUpperWord, TokenScan.IsNumberOrDash, TokenScan.IsNumberOrDash);
        if (methodAt < 0) return ParseResult.Fail(ParseReasons.FieldCount, "no 'METHOD size weight' after the url");
        r.What = middle[..methodAt].TrimEnd(' ');
        var m = new SpaceTokenizer(middle[methodAt..]);
        m.TakeFirst(out r.Method);
        m.TakeFirst(out r.Size);
        m.TakeFirst(out r.Weight);
        var tail = m.Rest;

        var groupAt = TokenScan.FindAnchor(tail, TokenScan.IsNumberOrDash, TokenScan.IsStatus, TokenScan.Any);
        if (groupAt < 0) return ParseResult.Fail(ParseReasons.FieldCount, "no 'group code' after the category");
        r.Category = tail[..groupAt].TrimEnd(' ');
        var g = new SpaceTokenizer(tail[groupAt..]);
        if (!g.TakeFirst(out r.Group) || !g.TakeFirst(out r.Code) || !g.TakeFirst(out r.Mime)
            || !g.TakeFirst(out r.ClientHost) || !g.TakeFirst(out r.GroupName))
            return ParseResult.Fail(ParseReasons.FieldCount, "expected mime, clienthost and groupname after the code");
        r.UserAgent = g.Rest;
        return E2GuardianEventFactory.Create(FormatName, line, origin, r);
    }
}
