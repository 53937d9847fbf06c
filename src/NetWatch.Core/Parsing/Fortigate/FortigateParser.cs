using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Dns;
using NetWatch.Core.Parsing.Text;
using NodaTime;

namespace NetWatch.Core.Parsing.Fortigate;

/// <summary>
/// FortiGate (FortiOS 6.x/7.x) traffic and UTM logs: a list of <c>key=value</c> pairs (see <see cref="KeyValueReader"/>),
/// alone, or after a syslog header or <c>&lt;PRI&gt;</c> (the pairs start at the first token holding '=').
/// Mapped as Elastic's fortinet_fortigate integration does: srcip/srcport → source.*, dstip/dstport → destination.*,
/// user → source.user.name, hostname → url.domain, url → url.path, sentbyte/rcvdbyte → source/destination.bytes,
/// agent → user_agent.original, referralurl → http.request.referrer, httpmethod → http.request.method; the rest
/// (catdesc, action, sni, service, msg, ...) goes to fortinet.firewall.* (<see cref="FortinetFields"/>).
/// url.original is <c>scheme://hostname</c> + <c>url</c> (FortiGate logs the host and path apart; the scheme is
/// https for service HTTPS or port 443). A traffic line with no host name has an empty url.original; its
/// destination is in destination.ip/port. UTM DNS lines (<c>qname</c>) become dns-query events.
/// Lines of <c>type=event</c> (system, VPN, user events) are <see cref="ParseReasons.NotAnEvent"/>.
/// </summary>
public sealed class FortigateParser(ParserOptions options) : ILogLineParser
{
    public const string FormatName = "fortigate";
    public const string Dataset = "fortinet_fortigate.log";
    public const string Product = "fortigate";

    private readonly DateTimeZone _zone = options.TimeZone;

    public FortigateParser() : this(ParserOptions.Default) { }

    public string Format => FormatName;

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        if (LineGuard.Check(line) is { } fail) return fail;
        var pairs = StartOfPairs(line);
        if (pairs < 0) return ParseResult.Fail(ParseReasons.FieldCount, "no key=value pairs");

        var r = new FortigateRecord();
        var reader = new KeyValueReader(line[pairs..]);
        var count = 0;
        while (reader.Next(out var key, out var value, out var escaped))
        {
            r.Set(key, value);
            r.AnyEscaped |= escaped;
            count++;
        }
        if (reader.Error is { } error)
            return ParseResult.Fail(error.StartsWith("expected", StringComparison.Ordinal) ? ParseReasons.FieldCount : ParseReasons.BadQuoting, error);
        if (r.Type.IsEmpty) return ParseResult.Fail(ParseReasons.FieldCount, $"no type= among {count} pairs");
        if (!FortigateTime.TryRead(r, _zone, out var timestamp))
            return ParseResult.Fail(ParseReasons.BadTimestamp, "expected eventtime= or date=yyyy-MM-dd time=HH:mm:ss");
        if (r.Type is not ("traffic" or "utm" or "dns"))
            return ParseResult.Fail(ParseReasons.NotAnEvent, $"type={r.Type} {r.Subtype} (not traffic or UTM)");

        if (!TryPort(r.SrcPort, out var srcPort) || !TryPort(r.DstPort, out var dstPort)
            || !SpanNumbers.TryParseOptionalInt64(r.SentByte, out var sent)
            || !SpanNumbers.TryParseOptionalInt64(r.RcvdByte, out var received)
            || !SpanNumbers.TryParseOptionalInt64(r.Duration, out var seconds)
            || !SpanNumbers.TryParseOptionalInt64(r.SessionId, out var session)
            || !SpanNumbers.TryParseOptionalInt64(r.Cat, out var cat)
            || seconds > Squid.SquidNativeLine.MaxElapsedMs / 1000 || cat > int.MaxValue)
            return ParseResult.Fail(ParseReasons.BadNumber, "ports, bytes, duration, sessionid and cat must be numbers");
        if ((!r.SrcIp.IsEmpty && !IpText.LooksLikeIp(r.SrcIp)) || (!r.DstIp.IsEmpty && !IpText.LooksLikeIp(r.DstIp)))
            return ParseResult.Fail(ParseReasons.BadAddress, "srcip and dstip must be IP addresses");

        var user = Text(r.User, r.AnyEscaped) ?? Text(r.UnauthUser, r.AnyEscaped);
        Duration? duration = seconds is { } sec ? NodaTime.Duration.FromSeconds(sec) : null;
        var method = r.HttpMethod.IsEmpty ? null : KnownStrings.Get(r.HttpMethod);
        var qname = Text(r.QName, r.AnyEscaped);
        var isDns = qname is not null;
        var url = isDns ? DnsName.ToUrl(qname!) : Url(r, dstPort, method);

        return ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(FormatName, origin.LineNumber, line),
            Origin = origin,
            Timestamp = timestamp,
            End = duration is null ? null : timestamp,
            Duration = duration,
            Start = duration is { } d ? timestamp - d : null,
            Action = isDns ? EventActions.DnsQuery : FortigateActions.Decide(r.Action, r.EventType),
            Dataset = Dataset,
            ObserverProduct = Product,
            SourceIp = OrNull(r.SrcIp),
            SourcePort = srcPort,
            DestinationIp = OrNull(r.DstIp),
            DestinationPort = dstPort,
            NetworkTransport = Transport(r.Proto),
            SourceBytes = sent,
            DestinationBytes = received,
            SourceUserName = user,
            UserName = user,
            Url = url,
            Method = method,
            Referrer = Text(r.ReferralUrl, r.AnyEscaped),
            UserAgent = Text(r.Agent, r.AnyEscaped),
            Dns = isDns ? new DnsFields { QuestionName = qname!.TrimEnd('.'), QuestionType = OrNull(r.QType), QuestionClass = OrNull(r.QClass) } : null,
            Fortinet = new FortinetFields
            {
                Type = OrNull(r.Type),
                Subtype = OrNull(r.Subtype),
                EventType = OrNull(r.EventType),
                Action = OrNull(r.Action),
                LogId = OrNull(r.LogId),
                Level = OrNull(r.Level),
                DeviceName = Text(r.DevName, r.AnyEscaped),
                VirtualDomain = OrNull(r.Vd),
                PolicyId = OrNull(r.PolicyId),
                Profile = Text(r.Profile, r.AnyEscaped),
                Category = cat is { } c ? (int)c : null,
                CategoryDescription = Text(r.CatDesc, r.AnyEscaped),
                Service = Text(r.Service, r.AnyEscaped),
                Sni = Text(r.Sni, r.AnyEscaped),
                Application = Text(r.App, r.AnyEscaped),
                SessionId = session,
                Message = Text(r.Msg, r.AnyEscaped),
            },
        });
    }

    /// <summary>The index where the key=value list starts: the first token with '=' after any syslog header.</summary>
    private static int StartOfPairs(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            var end = line[i..].IndexOf(' ');
            var token = end < 0 ? line[i..] : line.Slice(i, end);
            var eq = token.IndexOf('=');
            if (eq > 0)
            {
                // "<189>date=..." : the PRI is glued to the first key.
                if (token[0] == '<' && token.IndexOf('>') is > 0 and var gt && gt < eq) return i + gt + 1;
                return token[..eq].ContainsAnyExcept(KeyChars) ? -1 : i;
            }
            if (end < 0) return -1;
            i += end;
        }
        return -1;
    }

    private static readonly System.Buffers.SearchValues<char> KeyChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    private static UrlParts Url(in FortigateRecord r, int? dstPort, string? method)
    {
        var host = OrNull(r.Hostname) ?? OrNull(r.Sni);
        if (host is null) return UrlParts.Empty;
        var path = Text(r.Url, r.AnyEscaped);
        if (path is null) return DnsName.ToUrl(host);
        var https = r.Service is "HTTPS" or "https" || dstPort == 443 || (r.Service.IsEmpty && dstPort is null && r.Sni.Length > 0);
        var absolute = path.Contains("://", StringComparison.Ordinal)
            ? path
            : (https ? "https://" : "http://") + host + (path.StartsWith('/') ? path : "/" + path);
        return SafeUrl.Parse(absolute, method);
    }

    private static string? Transport(ReadOnlySpan<char> proto) => proto switch
    {
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        "58" => "ipv6-icmp",
        "" => null,
        _ => proto.ToString(),
    };

    private static string? OrNull(ReadOnlySpan<char> v) => v.IsEmpty || v is "N/A" ? null : KnownStrings.Get(v);

    private static string? Text(ReadOnlySpan<char> v, bool escaped) =>
        v.IsEmpty || v is "N/A" ? null : KeyValueReader.Unescape(v, escaped && v.Contains('\\'));

    private static bool TryPort(ReadOnlySpan<char> s, out int? port)
    {
        port = null;
        if (s.IsEmpty) return true;
        if (!SpanNumbers.TryParseInt32(s, out var p) || p > 65535) return false;
        port = p;
        return true;
    }

}
