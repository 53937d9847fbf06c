using NodaTime;

namespace NetWatch.Core.Identity.Feeds;

/// <summary>What the feed parsers need to know that some files do not say.</summary>
public sealed record FeedOptions
{
    /// <summary>The zone of local times (BSD syslog, Windows DHCP audit log, NXLog EventTime, RADIUS detail headers).</summary>
    public DateTimeZone LocalZone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];
    /// <summary>The year of BSD syslog lines, which carry none (the loader uses the file's modification year).</summary>
    public int? SyslogYear { get; init; }
    /// <summary>How long a lease is assumed to last when the feed gives no end (syslog DHCPACK, Windows audit log).
    /// ISC dhcpd's default-lease-time is 12 hours.</summary>
    public Duration DefaultLeaseTime { get; init; } = Duration.FromHours(12);
}
