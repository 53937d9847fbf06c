using NodaTime;

namespace NetWatch.Core.Identity;

public enum EvidenceKind
{
    /// <summary>The address is held from <see cref="IpEvidence.At"/> (a lease, a renewal, a logon, an accounting start).</summary>
    Start,
    /// <summary>The holder let go of the address at <see cref="IpEvidence.At"/> (release, logoff, accounting stop).</summary>
    Stop,
}

/// <summary>
/// One record of a lease / logon / accounting feed: who or what held an IP address from when.
/// Logons name a <see cref="UserName"/>, DHCP names a <see cref="Mac"/>, RADIUS accounting usually both.
/// </summary>
public sealed record IpEvidence
{
    public required Instant At { get; init; }
    public required EvidenceKind Kind { get; init; }
    /// <summary>When a lease runs out without further news (null: held until later evidence says otherwise).</summary>
    public Instant? Expires { get; init; }
    /// <summary><see cref="AttributionSources.Dhcp"/>, <see cref="AttributionSources.Radius"/> or <see cref="AttributionSources.Logon"/>.</summary>
    public required string Source { get; init; }
    /// <summary>The address; null when the feed only names the computer (resolved through the device registry).</summary>
    public UInt128? Ip { get; init; }
    public string? UserName { get; init; }
    public ulong? Mac { get; init; }
    public string? HostName { get; init; }
    /// <summary>True for a wired port (RADIUS NAS-Port-Type Ethernet), false for Wi-Fi, null when the feed does not say.</summary>
    public bool? Wired { get; init; }
    /// <summary>Where it was read: "file:line".</summary>
    public required string Origin { get; init; }
}
