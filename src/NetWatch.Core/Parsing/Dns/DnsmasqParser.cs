using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Syslog;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Dns;

/// <summary>
/// dnsmasq's query log (<c>log-queries</c>), through syslog or its own <c>log-facility</c> file:
/// <c>Nov 22 10:00:01 [host ]dnsmasq[1234]: query[A] www.example.com from 10.0.0.5</c>; with
/// <c>log-queries=extra</c> the message starts with a serial number and the client's address/port:
/// <c>7 10.0.0.5/51234 query[A] ...</c>. Only <c>query[TYPE]</c> lines are events (event.action dns-query); the
/// <c>forwarded</c>, <c>reply</c>, <c>cached</c>, <c>config</c> lines and dnsmasq's other messages are
/// <see cref="ParseReasons.NotAnEvent"/>. The syslog time has no year (see <see cref="ParserOptions.ReferenceYear"/>).
/// Received over syslog, the message is the body alone and the header's time is the event's.
/// </summary>
public sealed class DnsmasqParser(ParserOptions options) : ILogLineParser, ISyslogBodyParser
{
    public const string FormatName = "dnsmasq";
    public const string Dataset = "dnsmasq.log";
    public const string Product = "dnsmasq";

    private readonly ParserOptions _options = options;

    public DnsmasqParser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        if (!SyslogHeader.TryRead(line, _options, out var h, out var error))
            return ParseResult.Fail(error!.Contains("timestamp") ? ParseReasons.BadTimestamp : ParseReasons.FieldCount, error);
        return ParseMessage(line, origin, h.Timestamp, h.App, h.Message);
    }

    public ParseResult ParseBody(ReadOnlySpan<char> body, in SyslogBodyHeader header, in EventOrigin origin)
    {
        if (LineGuard.Check(body) is { } fail) return fail;
        if (SyslogHeader.TryRead(body, _options, out var h, out _)) return ParseMessage(body, origin, h.Timestamp, h.App, h.Message);
        if (header.Timestamp is not { } time) return ParseResult.Fail(ParseReasons.BadTimestamp, SyslogBodyHeader.NoTime);
        return ParseMessage(body, origin, time, header.AppName, body);
    }

    private static ParseResult ParseMessage(ReadOnlySpan<char> line, in EventOrigin origin, Instant timestamp, ReadOnlySpan<char> app, ReadOnlySpan<char> message)
    {
        if (app is not ("dnsmasq" or "pihole-FTL"))
            return ParseResult.Fail(ParseReasons.NotAnEvent, $"syslog program '{app.ToString()}' is not dnsmasq");

        var q = new DnsEventFactory.Query { Timestamp = timestamp };
        var t = new SpaceTokenizer(message);
        if (!t.TakeFirst(out var first)) return ParseResult.Fail(ParseReasons.NotAnEvent, "empty dnsmasq message");
        if (TokenScan.IsDigits(first))
        {
            // log-queries=extra: "serial client/port query[A] ..."
            if (!t.TakeFirst(out var client) || !t.TakeFirst(out first))
                return ParseResult.Fail(ParseReasons.FieldCount, "expected 'serial address/port' then the message");
            var slash = client.LastIndexOf('/');
            if (slash > 0)
            {
                if (!SpanNumbers.TryParseInt32(client[(slash + 1)..], out var port) || port > 65535)
                    return ParseResult.Fail(ParseReasons.BadNumber, "the client port is not a number");
                q.ClientPort = port;
            }
        }
        if (!first.StartsWith("query[") || first[^1] != ']')
            return ParseResult.Fail(ParseReasons.NotAnEvent, $"'{first.ToString()}' line (only query[TYPE] lines are events)");
        q.Type = first[6..^1];
        if (!t.TakeFirst(out q.Name) || !t.TakeFirst(out var from) || from is not "from" || !t.TakeFirst(out q.ClientIp) || !t.Rest.IsEmpty)
            return ParseResult.Fail(ParseReasons.FieldCount, "expected 'query[TYPE] name from address'");
        return DnsEventFactory.Create(FormatName, Dataset, Product, line, origin, q);
    }
}
