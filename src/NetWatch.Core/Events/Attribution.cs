namespace NetWatch.Core.Events;

/// <summary>user.roles, user.group.name, netwatch.attribution.*</summary>
public sealed record Attribution
{
    /// <summary>user.roles, e.g. ["staff"] or ["pupil"]</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>user.group.name: department or year group</summary>
    public string? GroupName { get; init; }
    /// <summary>user.full_name</summary>
    public string? FullName { get; init; }
    /// <summary>netwatch.attribution.source: proxy-auth, logon, dhcp, radius, device or none</summary>
    public required string Source { get; init; }
    /// <summary>netwatch.attribution.confidence, 0.0 to 1.0</summary>
    public double Confidence { get; init; }
    /// <summary>netwatch.attribution.unknown_user: the logged name is not in the directory</summary>
    public bool UnknownUser { get; init; }
    /// <summary>host.name: the device, when the registry knows it</summary>
    public string? DeviceName { get; init; }
}
