namespace NetWatch.Core.Events;

/// <summary>
/// fortinet.firewall.*: FortiGate's own fields, named as Elastic's fortinet_fortigate integration keeps them. Where
/// that integration moves a key to an ECS field, the comment names it; NetWatch keeps the FortiGate value here too,
/// so the raw verdict is never lost behind event.action. Null members were absent, empty or "N/A".
/// </summary>
public sealed record FortinetFields
{
    /// <summary>fortinet.firewall.type: traffic, utm, event, ...</summary>
    public string? Type { get; init; }
    /// <summary>fortinet.firewall.subtype: forward, local, webfilter, app-ctrl, dns, ...</summary>
    public string? Subtype { get; init; }
    /// <summary>fortinet.firewall.eventtype (Elastic: event.action), e.g. ftgd_blk, ftgd_allow, urlfilter</summary>
    public string? EventType { get; init; }
    /// <summary>fortinet.firewall.action: the device's verdict as logged (passthrough, blocked, accept, deny, close, ...)</summary>
    public string? Action { get; init; }
    /// <summary>fortinet.firewall.logid (Elastic: event.code)</summary>
    public string? LogId { get; init; }
    /// <summary>fortinet.firewall.level (Elastic: log.level)</summary>
    public string? Level { get; init; }
    /// <summary>fortinet.firewall.devname (Elastic: observer.name)</summary>
    public string? DeviceName { get; init; }
    /// <summary>fortinet.firewall.vd: the virtual domain</summary>
    public string? VirtualDomain { get; init; }
    /// <summary>fortinet.firewall.policyid (Elastic: rule.id)</summary>
    public string? PolicyId { get; init; }
    /// <summary>fortinet.firewall.profile (Elastic: rule.ruleset): the web filter profile</summary>
    public string? Profile { get; init; }
    /// <summary>fortinet.firewall.cat: the FortiGuard category number</summary>
    public int? Category { get; init; }
    /// <summary>fortinet.firewall.catdesc (Elastic: rule.category): the FortiGuard category name</summary>
    public string? CategoryDescription { get; init; }
    /// <summary>fortinet.firewall.service (Elastic: network.protocol, lower-cased there), e.g. HTTPS</summary>
    public string? Service { get; init; }
    /// <summary>fortinet.firewall.sni (Elastic: tls.client.server_name)</summary>
    public string? Sni { get; init; }
    /// <summary>fortinet.firewall.app (Elastic: network.application)</summary>
    public string? Application { get; init; }
    /// <summary>fortinet.firewall.sessionid</summary>
    public long? SessionId { get; init; }
    /// <summary>fortinet.firewall.msg (Elastic: message)</summary>
    public string? Message { get; init; }
}
