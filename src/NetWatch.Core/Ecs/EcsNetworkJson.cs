using System.Text.Json;
using static NetWatch.Core.Ecs.JsonFields;
using NetWatch.Core.Events;

namespace NetWatch.Core.Ecs;

/// <summary>
/// The ECS groups of firewall and DNS events: destination.*, network.*, dns.*, fortinet.firewall.* and pfsense.*,
/// and the event.category / observer.type that tell them from web requests.
/// </summary>
internal static class EcsNetworkJson
{
    /// <summary>event.category: network for DNS look-ups and packet/session records (no URL), web otherwise.</summary>
    public static string Category(NetEvent e) =>
        e.Dns is not null || (e.Url.Original.Length == 0 && e.DestinationIp is not null) ? "network" : "web";

    /// <summary>observer.type for a product.</summary>
    public static string ObserverType(string product) => product switch
    {
        "fortigate" or "pfsense" => "firewall",
        "dnsmasq" or "bind" => "dns",
        "iis" or "w3c" => "server",
        _ => "proxy",
    };

    public static void Write(Utf8JsonWriter w, NetEvent e)
    {
        if (e.DestinationIp is not null || e.DestinationPort is not null || e.DestinationBytes is not null)
        {
            w.WriteStartObject("destination");
            if (e.DestinationIp is { } ip) w.WriteString("ip", ip);
            if (e.DestinationPort is { } port) w.WriteNumber("port", port);
            if (e.DestinationBytes is { } bytes) w.WriteNumber("bytes", bytes);
            w.WriteEndObject();
        }
        if (e.NetworkTransport is { } transport)
        {
            w.WriteStartObject("network");
            w.WriteString("transport", transport);
            w.WriteEndObject();
        }
        if (e.Dns is { } dns)
        {
            w.WriteStartObject("dns");
            w.WriteStartObject("question");
            w.WriteString("name", dns.QuestionName);
            Str(w, "type", dns.QuestionType);
            Str(w, "class", dns.QuestionClass);
            w.WriteEndObject();
            if (dns.HeaderFlags.Count > 0)
            {
                w.WriteStartArray("header_flags");
                foreach (var flag in dns.HeaderFlags) w.WriteStringValue(flag);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        if (e.Fortinet is { } f) WriteFortinet(w, f);
        if (e.PfSense is { } p) WritePfSense(w, p);
    }

    private static void WriteFortinet(Utf8JsonWriter w, FortinetFields f)
    {
        w.WriteStartObject("fortinet");
        w.WriteStartObject("firewall");
        Str(w, "type", f.Type);
        Str(w, "subtype", f.Subtype);
        Str(w, "eventtype", f.EventType);
        Str(w, "action", f.Action);
        Str(w, "logid", f.LogId);
        Str(w, "level", f.Level);
        Str(w, "devname", f.DeviceName);
        Str(w, "vd", f.VirtualDomain);
        Str(w, "policyid", f.PolicyId);
        Str(w, "profile", f.Profile);
        if (f.Category is { } cat) w.WriteNumber("cat", cat);
        Str(w, "catdesc", f.CategoryDescription);
        Str(w, "service", f.Service);
        Str(w, "sni", f.Sni);
        Str(w, "app", f.Application);
        if (f.SessionId is { } session) w.WriteNumber("sessionid", session);
        Str(w, "msg", f.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePfSense(Utf8JsonWriter w, PfSenseFields p)
    {
        w.WriteStartObject("pfsense");
        Str(w, "rule_number", p.RuleNumber);
        Str(w, "tracker", p.Tracker);
        Str(w, "interface", p.Interface);
        Str(w, "reason", p.Reason);
        Str(w, "action", p.Action);
        Str(w, "direction", p.Direction);
        Str(w, "ip_version", p.IpVersion);
        if (p.ProtocolId is { } proto) w.WriteNumber("protocol_id", proto);
        if (p.Length is { } length) w.WriteNumber("length", length);
        if (p.TcpFlags is { } flags)
        {
            w.WriteStartObject("tcp");
            w.WriteString("flags", flags);
            w.WriteEndObject();
        }
        if (p.IcmpType is { } icmp)
        {
            w.WriteStartObject("icmp");
            w.WriteString("type", icmp);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
