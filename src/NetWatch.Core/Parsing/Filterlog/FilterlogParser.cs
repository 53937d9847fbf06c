using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Syslog;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Filterlog;

/// <summary>
/// pfSense / OPNsense <c>filterlog</c>: a syslog line (see <see cref="SyslogHeader"/>) whose message is pf's CSV record,
/// in the documented order (pfSense "Filter Log Format"):
/// <c>rule,subrule,anchor,tracker,interface,reason,action,direction,ipversion,</c> then for IPv4
/// <c>tos,ecn,ttl,id,offset,flags,protocol-id,protocol,length,src,dst,</c> or for IPv6
/// <c>class,flow-label,hop-limit,protocol,protocol-id,length,src,dst,</c> then for TCP
/// <c>srcport,dstport,datalen,flags,seq,ack,window,urg,options</c>, UDP <c>srcport,dstport,datalen</c>, ICMP
/// <c>icmp-type,...</c>. A packet is not a web request: url.original is empty and the destination is in
/// destination.ip/port; pass → allowed, block/reject → denied; rule, interface, reason and pf's own action are in
/// <see cref="PfSenseFields"/>. Received over syslog, the record is the body alone and the header's time is the event's.
/// </summary>
public sealed class FilterlogParser(ParserOptions options) : ILogLineParser, ISyslogBodyParser
{
    public const string FormatName = "pfsense-filterlog";
    public const string Dataset = "pfsense.log";
    public const string Product = "pfsense";

    private const int MaxFields = 48;
    private readonly ParserOptions _options = options;

    public FilterlogParser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        if (!SyslogHeader.TryRead(line, _options, out var h, out var error))
            return ParseResult.Fail(error!.Contains("timestamp") ? ParseReasons.BadTimestamp : ParseReasons.FieldCount, error);
        return ParseRecord(line, origin, h.Timestamp, h.App, h.Message);
    }

    public ParseResult ParseBody(ReadOnlySpan<char> body, in SyslogBodyHeader header, in EventOrigin origin)
    {
        if (LineGuard.Check(body) is { } fail) return fail;
        if (SyslogHeader.TryRead(body, _options, out var h, out _)) return ParseRecord(body, origin, h.Timestamp, h.App, h.Message);
        if (header.Timestamp is not { } time) return ParseResult.Fail(ParseReasons.BadTimestamp, SyslogBodyHeader.NoTime);
        return ParseRecord(body, origin, time, header.AppName, body);
    }

    private static ParseResult ParseRecord(ReadOnlySpan<char> line, in EventOrigin origin, Instant timestamp, ReadOnlySpan<char> app, ReadOnlySpan<char> message)
    {
        if (app is not "filterlog")
            return ParseResult.Fail(ParseReasons.NotAnEvent, $"syslog program '{app.ToString()}' is not filterlog");
        var csv = message.Trim(' ');
        Span<Range> f = stackalloc Range[MaxFields];
        var n = csv.Split(f, ',');
        if (n < 9) return ParseResult.Fail(ParseReasons.FieldCount, "expected at least 9 comma-separated fields");

        var version = csv[f[8]];
        int protoText, protoId, length, src, dst;
        switch (version)
        {
            case "4": (protoId, protoText, length, src, dst) = (15, 16, 17, 18, 19); break;
            case "6": (protoText, protoId, length, src, dst) = (12, 13, 14, 15, 16); break;
            default: return ParseResult.Fail(ParseReasons.FieldCount, $"IP version '{version}' is neither 4 nor 6");
        }
        if (n <= dst) return ParseResult.Fail(ParseReasons.FieldCount, $"an IPv{version} record has at least {dst + 1} fields");
        var transport = csv[f[protoText]];
        var data = dst + 1;
        var isTcp = transport.Equals("tcp", StringComparison.OrdinalIgnoreCase);
        var isUdp = transport.Equals("udp", StringComparison.OrdinalIgnoreCase);
        if ((isTcp && n < data + 9) || (isUdp && n < data + 3))
            return ParseResult.Fail(ParseReasons.FieldCount, $"a {transport.ToString()} record needs its port fields");

        if (!IpText.LooksLikeIp(csv[f[src]]) || !IpText.LooksLikeIp(csv[f[dst]]))
            return ParseResult.Fail(ParseReasons.BadAddress, "source and destination must be IP addresses");
        if (!TryInt(csv[f[protoId]], out var protocolNumber) || !SpanNumbers.TryParseOptionalInt64(csv[f[length]], out var packetLength))
            return ParseResult.Fail(ParseReasons.BadNumber, "protocol id and length must be numbers");
        int? srcPort = null, dstPort = null;
        if (isTcp || isUdp)
        {
            if (!TryInt(csv[f[data]], out srcPort) || !TryInt(csv[f[data + 1]], out dstPort) || srcPort > 65535 || dstPort > 65535)
                return ParseResult.Fail(ParseReasons.BadNumber, "ports must be numbers up to 65535");
        }

        var action = csv[f[6]];
        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(FormatName, origin.LineNumber, line),
            Origin = origin,
            Timestamp = timestamp,
            Action = action is "pass" ? EventActions.Allowed : action is "block" or "reject" ? EventActions.Denied : EventActions.Allowed,
            Dataset = Dataset,
            ObserverProduct = Product,
            SourceIp = KnownStrings.Get(csv[f[src]]),
            SourcePort = srcPort,
            DestinationIp = csv[f[dst]].ToString(),
            DestinationPort = dstPort,
            NetworkTransport = transport.IsEmpty ? null : transport.ToString().ToLowerInvariant(),
            Url = UrlParts.Empty,
            PfSense = new PfSenseFields
            {
                RuleNumber = OrNull(csv[f[0]]),
                Tracker = OrNull(csv[f[3]]),
                Interface = OrNull(csv[f[4]]),
                Reason = OrNull(csv[f[5]]),
                Action = OrNull(action),
                Direction = OrNull(csv[f[7]]),
                IpVersion = version is "4" ? "ipv4" : "ipv6",
                ProtocolId = protocolNumber,
                Length = packetLength,
                TcpFlags = isTcp ? OrNull(csv[f[data + 3]]) : null,
                IcmpType = transport.Contains("icmp", StringComparison.OrdinalIgnoreCase) && n > data ? OrNull(csv[f[data]]) : null,
            },
        });
    }

    private static string? OrNull(ReadOnlySpan<char> v) => v.IsEmpty ? null : KnownStrings.Get(v);

    private static bool TryInt(ReadOnlySpan<char> s, out int? value)
    {
        value = null;
        if (s.IsEmpty) return true;
        if (!SpanNumbers.TryParseInt32(s, out var v)) return false;
        value = v;
        return true;
    }

}
