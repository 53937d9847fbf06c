using FsCheck;
using FsCheck.Fluent;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>Events each firewall, DNS and W3C format can carry, with the awkward values those formats allow.</summary>
public static class NewFormatGenerators
{
    private static Gen<string> StringOf(string chars, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(chars.ToCharArray()), n)).Select(a => new string(a));

    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private static readonly Gen<string> Word = StringOf(Lower, 1, 8);
    private static readonly Gen<string> Digits = StringOf("0123456789", 1, 9).Select(s => s.TrimStart('0') is { Length: > 0 } t ? t : "0");

    private static readonly Gen<string> Ipv4 =
        Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(a => string.Join('.', a));

    private static readonly Gen<string> Ipv6 =
        Gen.Zip(Gen.Elements("2001:db8", "fe80", "2001:db8:20"), Gen.Choose(1, 0xffff)).Select(t => $"{t.Item1}::{t.Item2:x}");

    private static readonly Gen<string> Ip = Gen.Frequency((4, Ipv4), (1, Ipv6));

    private static readonly Gen<string> Host =
        Gen.Choose(2, 4).SelectMany(n => Gen.ArrayOf(Word, n)).Select(ws => string.Join('.', ws));

    private static readonly Gen<string> DnsNameGen = Gen.Frequency(
        (5, Host), (1, Gen.Zip(Word, Host).Select(t => $"_{t.Item1}._tcp.{t.Item2}")));

    private static readonly Gen<int> Port = Gen.Choose(0, 65535);

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));

    private static Gen<string?> MaybeRef(Gen<string> gen) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (3, gen.Select(v => (string?)v)));

    /// <summary>Seconds in the year the tests' syslog options fix (BSD syslog times have no year).</summary>
    private static readonly Gen<Instant> SecondIn2026 =
        Gen.Choose(0, 365 * 86400 - 1).Select(s => Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromSeconds(s));

    private static readonly Gen<Instant> Second =
        Gen.Choose(978_307_200, 2_000_000_000).Select(s => Instant.FromUnixTimeSeconds(s));

    private static NetEvent Base(Instant t, string? ip) => new()
    {
        Id = default,
        Origin = new EventOrigin("gen", 1),
        Timestamp = t,
        Action = EventActions.Allowed,
        Dataset = "gen",
        ObserverProduct = "gen",
        SourceIp = ip,
        Url = UrlParts.Empty,
    };

    private static readonly Gen<NetEvent> Filterlog =
        from t in SecondIn2026
        from v6 in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from src in v6 ? Ipv6 : Ipv4
        from dst in v6 ? Ipv6 : Ipv4
        from transport in Gen.Elements("tcp", "udp", "icmp")
        from sport in Port
        from dport in Port
        from rule in Digits
        from tracker in Gen.OneOf(Digits, StringOf("0123456789abcdef", 32, 32))
        from iface in Gen.Elements("igb0", "igb1.12", "vtnet1", "em0")
        from reason in Gen.Elements("match", "bad-offset", "fragment", "short")
        from action in Gen.Elements("pass", "block")
        from direction in Gen.Elements("in", "out")
        from length in Gen.Choose(20, 65535)
        from flags in Gen.Elements("S", "SA", "FA", "PA", "R")
        from icmp in Gen.Elements("request", "reply")
        let ports = transport is "tcp" or "udp"
        let proto = transport == "icmp" && v6 ? "ipv6-icmp" : transport
        select Base(t, src) with
        {
            DestinationIp = dst,
            SourcePort = ports ? sport : null,
            DestinationPort = ports ? dport : null,
            NetworkTransport = proto,
            PfSense = new PfSenseFields
            {
                RuleNumber = rule, Tracker = tracker, Interface = iface, Reason = reason, Action = action, Direction = direction,
                IpVersion = v6 ? "ipv6" : "ipv4", ProtocolId = proto switch { "tcp" => 6, "udp" => 17, "icmp" => 1, _ => 58 },
                Length = length, TcpFlags = transport == "tcp" ? flags : null, IcmpType = transport == "icmp" ? icmp : null,
            },
        };

    private static readonly Gen<NetEvent> Dnsmasq =
        from t in SecondIn2026
        from ip in Ip
        from port in Maybe(Gen.Choose(1, 65535))
        from name in DnsNameGen
        from type in Gen.Elements("A", "AAAA", "HTTPS", "PTR", "type=65")
        select Base(t, ip) with
        {
            SourcePort = port,
            Url = new UrlParts { Original = name },
            Dns = new DnsFields { QuestionName = name, QuestionType = type },
        };

    private static readonly Gen<NetEvent> Bind =
        from s in Second
        from ms in Gen.Choose(0, 999)
        from ip in Ip
        from port in Port
        from server in MaybeRef(Ip)
        from name in DnsNameGen
        from type in Gen.Elements("A", "AAAA", "HTTPS", "SRV", "TXT")
        from cls in Gen.Elements("IN", "CH")
        from rd in Gen.Elements(true, false)
        from @do in Gen.Elements(true, false)
        from cd in Gen.Elements(true, false)
        from tcp in Gen.Elements(true, false)
        select Base(s + Duration.FromMilliseconds(ms), ip) with
        {
            SourcePort = port,
            DestinationIp = server,
            NetworkTransport = tcp ? "tcp" : "udp",
            Url = new UrlParts { Original = name },
            Dns = new DnsFields
            {
                QuestionName = name, QuestionType = type, QuestionClass = cls,
                HeaderFlags = new[] { rd ? "RD" : null, @do ? "DO" : null, cd ? "CD" : null }.OfType<string>().ToList(),
            },
        };

    private const string UrlPathChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~%!$&'()*,;=:@/";

    private static readonly Gen<NetEvent> W3c =
        from t in Second
        from ip in Ip
        from user in MaybeRef(Gen.OneOf(Word, Word.Select(w => "SCHOOL\\" + w)))
        from server in MaybeRef(Ipv4)
        from serverPort in Maybe(Port)
        from method in Gen.Elements("GET", "POST", "HEAD", "PUT", "DELETE")
        from path in StringOf(UrlPathChars, 0, 30).Select(p => "/" + p)
        // W3C writes an absent query as "-", so a query of exactly "-" cannot survive the trip.
        from query in MaybeRef(StringOf(UrlPathChars + "?", 1, 30).Where(q => q != "-"))
        from status in Maybe(Gen.Choose(100, 599))
        from bytes in Maybe(Gen.Choose(0, int.MaxValue).Select(b => (long)b))
        from taken in Maybe(Gen.Choose(0, 600_000).Select(ms => Duration.FromMilliseconds(ms)))
        from version in MaybeRef(Gen.Elements("1.0", "1.1", "2"))
        from ua in MaybeRef(StringOf("abcdefXYZ0123456789 ()/;.,:_-", 1, 60).Where(u => u.Trim() == u && u.Length > 0 && u != "-"))
        from referrer in MaybeRef(Host.Select(h => $"https://{h}/"))
        select Base(t, ip) with
        {
            SourceUserName = user,
            DestinationIp = server,
            DestinationPort = serverPort,
            Method = method,
            Url = new UrlParts { Original = query is null ? path : path + "?" + query },
            StatusCode = status,
            ResponseBytes = bytes,
            Duration = taken,
            HttpVersion = version,
            UserAgent = ua,
            Referrer = referrer,
        };

    private const string QuotedText = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_`abcxyz{|}~é";

    private static Gen<string?> Text(int max) =>
        MaybeRef(StringOf(QuotedText, 1, max).Where(s => s != "N/A"));

    private static readonly Gen<FortinetFields> FortinetGroup =
        from type in Gen.Elements("traffic", "utm")
        from subtype in Gen.OneOf(Gen.Elements("forward", "webfilter", "app-ctrl", "dns").Select(s => (string?)s), Gen.Constant<string?>(null))
        from eventType in MaybeRef(Gen.Elements("ftgd_blk", "ftgd_allow", "urlfilter"))
        from action in MaybeRef(Gen.Elements("passthrough", "blocked", "accept", "close", "deny", "server-rst"))
        from logId in MaybeRef(StringOf("0123456789", 10, 10))
        from level in MaybeRef(Gen.Elements("notice", "warning", "information"))
        from dev in Text(20)
        from vd in MaybeRef(Word)
        from policy in MaybeRef(Digits)
        from profile in Text(20)
        from cat in Maybe(Gen.Choose(0, 99))
        from catdesc in Text(30)
        from service in MaybeRef(Gen.Elements("HTTP", "HTTPS", "DNS", "udp/7878"))
        from app in Text(20)
        from session in Maybe(Gen.Choose(0, int.MaxValue).Select(v => (long)v))
        from msg in Text(60)
        select new FortinetFields
        {
            Type = type, Subtype = subtype, EventType = eventType, Action = action, LogId = logId, Level = level,
            DeviceName = dev, VirtualDomain = vd, PolicyId = policy, Profile = profile, Category = cat,
            CategoryDescription = catdesc, Service = service, Application = app, SessionId = session, Message = msg,
        };

    private static readonly Gen<NetEvent> Fortigate =
        from s in Second
        from ns in Gen.Choose(0, 999_999_999)
        from ip in MaybeRef(Ip)
        from sport in Maybe(Port)
        from dst in MaybeRef(Ip)
        from dport in Maybe(Port)
        from transport in MaybeRef(Gen.Elements("tcp", "udp", "icmp"))
        from user in Text(20)
        from kind in Gen.Choose(0, 2)
        from host in Host
        from path in StringOf(UrlPathChars, 0, 20)
        from scheme in Gen.Elements("http", "https")
        from sni in MaybeRef(Host)
        from method in MaybeRef(Gen.Elements("GET", "POST"))
        from referrer in MaybeRef(Host.Select(h => $"https://{h}/"))
        from agent in Text(40)
        from seconds in Maybe(Gen.Choose(0, 86_400))
        from sent in Maybe(Gen.Choose(0, int.MaxValue).Select(v => (long)v))
        from received in Maybe(Gen.Choose(0, int.MaxValue).Select(v => (long)v))
        from f in FortinetGroup
        from qtype in MaybeRef(Gen.Elements("A", "AAAA"))
        select Base(s.PlusNanoseconds(ns), ip) with
        {
            SourcePort = sport,
            DestinationIp = dst,
            DestinationPort = dport,
            NetworkTransport = transport,
            SourceUserName = user,
            Url = kind switch { 0 => UrlParts.Empty, 1 => new UrlParts { Original = $"{scheme}://{host}/{path}" }, _ => new UrlParts { Original = host } },
            Dns = kind == 2 ? new DnsFields { QuestionName = host, QuestionType = qtype } : null,
            Method = method,
            Referrer = referrer,
            UserAgent = agent,
            Duration = seconds is { } sec ? Duration.FromSeconds(sec) : null,
            SourceBytes = sent,
            DestinationBytes = received,
            // With no URL, an SNI would become the URL's host: the formats then differ.
            Fortinet = f with { Sni = kind == 0 ? null : sni },
        };

    public static Gen<NetEvent> For(string format) => format switch
    {
        LogFormats.PfSenseFilterlog => Filterlog,
        LogFormats.Dnsmasq => Dnsmasq,
        LogFormats.BindQuery => Bind,
        LogFormats.W3c => W3c,
        LogFormats.Fortigate => Fortigate,
        _ => throw new ArgumentException(format),
    };
}
