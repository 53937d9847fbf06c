namespace NetWatch.Core.Identity.Feeds;

public enum LeaseFeedFormat
{
    Unknown,
    /// <summary>ISC dhcpd's dhcpd.leases database (dhcpd.leases(5)).</summary>
    IscDhcpdLeases,
    /// <summary>ISC dhcpd DHCPACK / DHCPRELEASE lines in syslog (BSD or RFC 3339 time stamps).</summary>
    DhcpdSyslog,
    /// <summary>The Windows DHCP server audit log (DhcpSrvLog-*.log, CSV).</summary>
    WindowsDhcpAudit,
    /// <summary>FreeRADIUS accounting detail files (radacct/*/detail-*).</summary>
    FreeRadiusDetail,
    /// <summary>Windows security events 4624 / 4634 / 4647 as JSON lines from Winlogbeat or NXLog.</summary>
    WindowsLogonJson,
}
