using System.Globalization;
using System.Text;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing.Fortigate;
using NetWatch.Core.Parsing.Text;

namespace NetWatch.Core.Parsing.Formatting;

/// <summary>
/// A FortiOS 7 style <c>key="value"</c> line: <c>date</c>, <c>time</c>, <c>eventtime</c> (ns) and <c>tz="+0000"</c>, then
/// the keys the event carries (absent values are left out, as FortiOS does). Text values are quoted with <c>\"</c>
/// and <c>\\</c> escaped; url is written absolute (FortiOS 7) and hostname is its host.
/// </summary>
public sealed class FortigateFormatter : ILogLineFormatter
{
    public string Format => FortigateParser.FormatName;

    public string FormatLine(NetEvent e)
    {
        var f = e.Fortinet ?? new FortinetFields();
        var t = e.Timestamp.InUtc().LocalDateTime;
        var sb = new StringBuilder(512);
        sb.Append(CultureInfo.InvariantCulture, $"date={t.Year:D4}-{t.Month:D2}-{t.Day:D2} time={t.Hour:D2}:{t.Minute:D2}:{t.Second:D2}");
        sb.Append(CultureInfo.InvariantCulture, $" eventtime={e.Timestamp.ToUnixTimeSeconds()}{Nanos(e):D9} tz=\"+0000\"");
        Quoted(sb, "devname", f.DeviceName);
        Quoted(sb, "logid", f.LogId);
        Quoted(sb, "type", f.Type);
        Quoted(sb, "subtype", f.Subtype);
        Quoted(sb, "eventtype", f.EventType);
        Quoted(sb, "level", f.Level);
        Quoted(sb, "vd", f.VirtualDomain);
        Bare(sb, "policyid", f.PolicyId);
        Bare(sb, "sessionid", f.SessionId);
        Quoted(sb, "user", e.SourceUserName);
        Bare(sb, "srcip", e.SourceIp);
        Bare(sb, "srcport", e.SourcePort);
        Bare(sb, "dstip", e.DestinationIp);
        Bare(sb, "dstport", e.DestinationPort);
        Bare(sb, "proto", e.NetworkTransport switch { "tcp" => "6", "udp" => "17", "icmp" => "1", "ipv6-icmp" => "58", var other => other });
        Quoted(sb, "service", f.Service);
        if (e.Dns is { } dns)
        {
            Quoted(sb, "qname", dns.QuestionName);
            Quoted(sb, "qtype", dns.QuestionType);
            Quoted(sb, "qclass", dns.QuestionClass);
        }
        else if (e.Url.Original.Length > 0)
        {
            Quoted(sb, "hostname", Uri.TryCreate(e.Url.Original, UriKind.Absolute, out var uri) ? uri.Host : e.Url.Domain);
            Quoted(sb, "url", e.Url.Original);
        }
        Quoted(sb, "profile", f.Profile);
        Quoted(sb, "action", f.Action);
        Quoted(sb, "httpmethod", e.Method);
        Quoted(sb, "referralurl", e.Referrer);
        Quoted(sb, "agent", e.UserAgent);
        Quoted(sb, "sni", f.Sni);
        Quoted(sb, "app", f.Application);
        Bare(sb, "duration", e.Duration is { } d ? (long)d.TotalSeconds : null);
        Bare(sb, "sentbyte", e.SourceBytes);
        Bare(sb, "rcvdbyte", e.DestinationBytes);
        Quoted(sb, "msg", f.Message);
        Bare(sb, "cat", f.Category);
        Quoted(sb, "catdesc", f.CategoryDescription);
        return sb.ToString();
    }

    private static long Nanos(NetEvent e) =>
        (e.Timestamp - NodaTime.Instant.FromUnixTimeSeconds(e.Timestamp.ToUnixTimeSeconds())).SubsecondNanoseconds;

    private static void Quoted(StringBuilder sb, string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        sb.Append(' ').Append(key).Append("=\"").Append(QuotedField.Escape(value)).Append('"');
    }

    private static void Bare(StringBuilder sb, string key, string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        sb.Append(' ').Append(key).Append('=').Append(value);
    }

    private static void Bare(StringBuilder sb, string key, long? value)
    {
        if (value is { } v) sb.Append(' ').Append(key).Append('=').Append(v.ToString(CultureInfo.InvariantCulture));
    }
}
