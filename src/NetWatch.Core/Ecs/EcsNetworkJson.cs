using System.Text.Json;
using static NetWatch.Core.Ecs.JsonFields;
using NetWatch.Core.Events;

namespace NetWatch.Core.Ecs;

/// <summary>
/// What tells firewall and DNS events from web requests in a document (event.category, observer.type), and the
/// members of the vendor groups fortinet.firewall.* and pfsense.*, named as Elastic's integrations name them.
/// </summary>
internal static class EcsNetworkJson
{
    private static readonly IReadOnlyList<string> Network = ["network"];
    private static readonly IReadOnlyList<string> Web = ["web"];

    /// <summary>event.category: network for DNS look-ups and packet/session records (no URL), web otherwise.</summary>
    public static IReadOnlyList<string> Categories(NetEvent e) =>
        e.Dns is not null || (e.Url.Original.Length == 0 && e.DestinationIp is not null) ? Network : Web;

    /// <summary>observer.type for a product.</summary>
    public static string ObserverType(string product) => product switch
    {
        "fortigate" or "pfsense" => "firewall",
        "dnsmasq" or "bind" => "dns",
        "iis" or "w3c" => "server",
        _ => "proxy",
    };

    /// <summary>The members of fortinet.firewall.</summary>
    public static void WriteFortinetMembers(Utf8JsonWriter w, FortinetFields f)
    {
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
    }

    /// <summary>The members of pfsense.</summary>
    public static void WritePfSenseMembers(Utf8JsonWriter w, PfSenseFields p)
    {
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
    }
}
