using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Syslog;
using NetWatch.Core.Parsing.Text;
using NodaTime;
using NodaTime.TimeZones;

namespace NetWatch.Core.Parsing.Dns;

/// <summary>
/// BIND 9's query log (category <c>queries</c>):
/// <c>22-Nov-2026 10:00:01.123 [queries: info: ]client [@0x7f3b5c0a2d68 ]10.0.0.5#53012 (www.example.com): [view internal: ]query: www.example.com IN A +E(0)K (10.0.0.1)</c>.
/// The time is BIND's <c>print-time</c> (local, in <see cref="ParserOptions.TimeZone"/>), ISO 8601 with an offset
/// or Z (<c>print-time iso8601-utc</c>), or a syslog header (<c>named[812]: client ...</c>). The flags after the type:
/// <c>+</c> recursion desired (RD), <c>D</c> DNSSEC OK (DO), <c>C</c> checking disabled (CD), <c>T</c> over TCP,
/// <c>E(n)</c> EDNS, <c>S</c> signed, <c>K</c>/<c>V</c> cookie. The address in parentheses at the end is the
/// server's, kept in destination.ip. Other BIND lines are <see cref="ParseReasons.NotAnEvent"/>. Received over syslog
/// (a <c>syslog</c> logging channel), the message has no time of its own and the header's time is the event's.
/// </summary>
public sealed class BindQueryParser(ParserOptions options) : ILogLineParser, ISyslogBodyParser
{
    public const string FormatName = "bind-query";
    public const string Dataset = "bind.query";
    public const string Product = "bind";

    private readonly ParserOptions _options = options;

    public BindQueryParser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        if (!TryReadTime(line, out var time, out var rest, out var timeError))
            return ParseResult.Fail(ParseReasons.BadTimestamp, timeError);
        return ParseQuery(line, origin, time, rest);
    }

    public ParseResult ParseBody(ReadOnlySpan<char> body, in SyslogBodyHeader header, in EventOrigin origin)
    {
        if (LineGuard.Check(body) is { } fail) return fail;
        if (TryReadTime(body, out var time, out var rest, out _)) return ParseQuery(body, origin, time, rest);
        if (header.Timestamp is not { } headerTime) return ParseResult.Fail(ParseReasons.BadTimestamp, SyslogBodyHeader.NoTime);
        return ParseQuery(body, origin, headerTime, body);
    }

    private static ParseResult ParseQuery(ReadOnlySpan<char> line, in EventOrigin origin, Instant time, ReadOnlySpan<char> rest)
    {
        var q = new DnsEventFactory.Query { Timestamp = time };

        var client = rest.IndexOf("client ");
        var query = rest.IndexOf(": query: ");
        if (client < 0 || query < client)
            return ParseResult.Fail(ParseReasons.NotAnEvent, "not a 'client ...: query: ...' line");
        var who = new SpaceTokenizer(rest[(client + 7)..query]);
        if (!who.TakeFirst(out var address)) return ParseResult.Fail(ParseReasons.FieldCount, "no client address");
        if (address.StartsWith("@0x") && !who.TakeFirst(out address)) return ParseResult.Fail(ParseReasons.FieldCount, "no client address");
        var hash = address.LastIndexOf('#');
        if (hash <= 0 || !SpanNumbers.TryParseInt32(address[(hash + 1)..], out var port) || port > 65535)
            return ParseResult.Fail(ParseReasons.BadAddress, "expected the client as address#port");
        q.ClientIp = address[..hash];
        q.ClientPort = port;

        var t = new SpaceTokenizer(rest[(query + 9)..]);
        if (!t.TakeFirst(out q.Name) || !t.TakeFirst(out q.Class) || !t.TakeFirst(out q.Type) || !t.TakeFirst(out var flags))
            return ParseResult.Fail(ParseReasons.FieldCount, "expected 'query: name class type flags (server)'");
        if (t.TakeFirst(out var server))
        {
            if (server.Length < 3 || server[0] != '(' || server[^1] != ')' || !IpText.LooksLikeIp(server[1..^1]) || !t.Rest.IsEmpty)
                return ParseResult.Fail(ParseReasons.BadAddress, "expected '(server address)' at the end");
            q.ServerIp = server[1..^1];
        }
        ReadFlags(flags, ref q);
        return DnsEventFactory.Create(FormatName, Dataset, Product, line, origin, q);
    }

    private static void ReadFlags(ReadOnlySpan<char> flags, ref DnsEventFactory.Query q)
    {
        var list = new List<string>(2);
        if (flags.StartsWith('+')) list.Add("RD");
        var depth = 0;
        var tcp = false;
        foreach (var c in flags)
        {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && c == 'D') list.Add("DO");
            else if (depth == 0 && c == 'C') list.Add("CD");
            else if (depth == 0 && c == 'T') tcp = true;
        }
        q.Flags = list;
        q.Transport = tcp ? "tcp" : "udp";
    }

    private bool TryReadTime(ReadOnlySpan<char> line, out Instant instant, out ReadOnlySpan<char> rest, out string? error)
    {
        instant = default;
        rest = default;
        error = null;
        var s = line.TrimStart(' ');
        // dd-Mon-yyyy HH:mm:ss.fff
        if (s.Length > 24 && s[2] == '-' && s[6] == '-' && s[11] == ' ')
        {
            if (!TryBindTime(s[..24], out instant)) { error = "bad dd-Mon-yyyy HH:mm:ss.fff time"; return false; }
            rest = s[24..];
            return true;
        }
        if (s.Length > 20 && char.IsAsciiDigit(s[0]) && s[4] == '-' && s[10] == 'T')
        {
            var space = s.IndexOf(' ');
            if (space < 0 || !SyslogTime.TryParseIso(s[..space], out instant)) { error = "bad ISO 8601 time"; return false; }
            rest = s[space..];
            return true;
        }
        if (!SyslogHeader.TryRead(s, _options, out var h, out error)) return false;
        instant = h.Timestamp;
        rest = h.Message;
        return true;
    }

    private bool TryBindTime(ReadOnlySpan<char> s, out Instant instant)
    {
        instant = default;
        // 22-Nov-2026 10:00:01.123
        var month = SyslogTime.Month(s.Slice(3, 3));
        if (month == 0 || s[14] != ':' || s[17] != ':' || s[20] != '.') return false;
        if (!SpanNumbers.TryParseInt32(s[..2], out var d) || !SpanNumbers.TryParseInt32(s.Slice(7, 4), out var y)
            || !SpanNumbers.TryParseInt32(s.Slice(12, 2), out var h) || !SpanNumbers.TryParseInt32(s.Slice(15, 2), out var mi)
            || !SpanNumbers.TryParseInt32(s.Slice(18, 2), out var sec) || !SpanNumbers.TryParseInt32(s.Slice(21, 3), out var ms))
            return false;
        if (y is < 1 or > 9999 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, month) || h > 23 || mi > 59 || sec > 59) return false;
        var local = new LocalDateTime(y, month, d, h, mi, sec, ms);
        instant = _options.TimeZone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
        return true;
    }
}
