namespace NetWatch.Core.Identity.Feeds;

/// <summary>Recognises a lease / logon feed and reads it with the matching parser.</summary>
public static class LeaseFeedReader
{
    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Read(string source, IReadOnlyList<string> lines, FeedOptions options) =>
        Read(source, lines, LeaseFeedDetector.Detect(lines), options);

    public static ReferenceParseResult<IReadOnlyList<IpEvidence>> Read(string source, IReadOnlyList<string> lines, LeaseFeedFormat format, FeedOptions options) =>
        format switch
        {
            LeaseFeedFormat.IscDhcpdLeases => IscDhcpdLeasesParser.Parse(source, lines),
            LeaseFeedFormat.DhcpdSyslog => DhcpdSyslogParser.Parse(source, lines, options),
            LeaseFeedFormat.WindowsDhcpAudit => WindowsDhcpAuditParser.Parse(source, lines, options),
            LeaseFeedFormat.FreeRadiusDetail => FreeRadiusDetailParser.Parse(source, lines, options),
            LeaseFeedFormat.WindowsLogonJson => WindowsLogonJsonParser.Parse(source, lines, options),
            _ => new([], [new ReferenceError(source, 0,
                "format not recognised: expected an ISC dhcpd leases file, dhcpd syslog, a Windows DHCP audit log, " +
                "a FreeRADIUS detail file or Winlogbeat/NXLog JSON lines")]),
        };
}
