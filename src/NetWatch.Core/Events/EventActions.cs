namespace NetWatch.Core.Events;

/// <summary>The values of event.action NetWatch writes.</summary>
public static class EventActions
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Tunnel = "tunnel";
    public const string AuthRequired = "auth-required";
    public const string Error = "error";
    public const string Trusted = "trusted";
    /// <summary>A DNS look-up (dnsmasq, BIND): the name was asked for, not necessarily visited.</summary>
    public const string DnsQuery = "dns-query";
}
