namespace NetWatch.Core.Events;

/// <summary>
/// pfsense.*: pf's filterlog fields, named after the ECS fields Elastic's pfsense integration maps them to (given
/// in each comment). Null members were empty in the log.
/// </summary>
public sealed record PfSenseFields
{
    /// <summary>rule.id: pf's rule number</summary>
    public string? RuleNumber { get; init; }
    /// <summary>rule.uuid: the tracker id of the rule (pfSense: a number, OPNsense: a hash)</summary>
    public string? Tracker { get; init; }
    /// <summary>observer.ingress.interface.name: the real interface, e.g. igb1, vtnet0, igb1.12</summary>
    public string? Interface { get; init; }
    /// <summary>event.reason: why pf logged it (match, bad-offset, fragment, short, normalize, memory, ...)</summary>
    public string? Reason { get; init; }
    /// <summary>pf's action as logged: pass, block, reject (event.action holds NetWatch's allowed/denied)</summary>
    public string? Action { get; init; }
    /// <summary>network.direction as pf logs it: in or out</summary>
    public string? Direction { get; init; }
    /// <summary>network.type: ipv4 or ipv6</summary>
    public string? IpVersion { get; init; }
    /// <summary>network.iana_number: the IP protocol number (6 tcp, 17 udp, 1 icmp, 58 ipv6-icmp)</summary>
    public int? ProtocolId { get; init; }
    /// <summary>network.bytes: the IP packet length</summary>
    public long? Length { get; init; }
    /// <summary>pfsense.tcp.flags, e.g. S, SA, FA, PA</summary>
    public string? TcpFlags { get; init; }
    /// <summary>pfsense.icmp.type, e.g. request, reply, unreachport</summary>
    public string? IcmpType { get; init; }
}
