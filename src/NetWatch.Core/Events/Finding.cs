using NodaTime;

namespace NetWatch.Core.Events;

/// <summary>
/// netwatch.finding.*: something a detector noticed that is not one web request, e.g. one user logged on
/// at two computers at once. A finding travels as a <see cref="NetEvent"/> of its own with
/// <c>event.kind: alert</c>, <c>event.dataset: netwatch.finding</c> and <c>event.action</c> = <see cref="Kind"/>.
/// </summary>
public sealed record Finding
{
    /// <summary>netwatch.finding.kind: one of <see cref="FindingKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>netwatch.finding.description: one sentence for people (message).</summary>
    public required string Description { get; init; }
    /// <summary>netwatch.finding.related_user: the person the finding is about.</summary>
    public string? RelatedUser { get; init; }
    /// <summary>netwatch.finding.credential_user: the login that was used, when it differs from the person.</summary>
    public string? CredentialUser { get; init; }
    /// <summary>netwatch.finding.related_device: device name(s), comma-separated when more than one.</summary>
    public string? RelatedDevice { get; init; }
    /// <summary>netwatch.finding.related_ip: the IP address(es), comma-separated when more than one.</summary>
    public string? RelatedIp { get; init; }
    /// <summary>netwatch.finding.related_mac: the hardware address (lower-case, colon-separated).</summary>
    public string? RelatedMac { get; init; }
    /// <summary>netwatch.finding.start: when the situation was first seen.</summary>
    public required Instant Start { get; init; }
    /// <summary>netwatch.finding.end: when it was last seen (null while still in force).</summary>
    public Instant? End { get; init; }
    /// <summary>netwatch.finding.event_count: how many web requests it covers (volume findings, shared-password).</summary>
    public long EventCount { get; init; }
    /// <summary>netwatch.finding.bytes: response bytes of those requests.</summary>
    public long Bytes { get; init; }
    /// <summary>netwatch.finding.evidence: where the evidence came from (file:line, event ids).</summary>
    public string? Evidence { get; init; }
}

/// <summary>The values of netwatch.finding.kind (also written to event.action of a finding event).</summary>
public static class FindingKinds
{
    /// <summary>One user logged on at two computers at the same time.</summary>
    public const string ConcurrentLogon = "concurrent-logon";
    /// <summary>A login used from a device assigned to someone else while that person's logon is in force.</summary>
    public const string SharedPassword = "shared-password";
    /// <summary>Hardware not in the device registry leased an address on the wired network.</summary>
    public const string UnregisteredHardware = "unregistered-hardware";
    /// <summary>Traffic nobody could be named for (guest devices or unattributed), per device and day.</summary>
    public const string UnattributedVolume = "unattributed-volume";
}
