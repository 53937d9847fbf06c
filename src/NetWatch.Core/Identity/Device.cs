namespace NetWatch.Core.Identity;

/// <summary>One row of the device registry. At least one of <see cref="Ip"/> and <see cref="Mac"/> is set.</summary>
public sealed record Device
{
    public required string Name { get; init; }
    public UInt128? Ip { get; init; }
    public ulong? Mac { get; init; }
    /// <summary>The owner's user name (assigned devices), as written in the registry.</summary>
    public string? Owner { get; init; }
    public required DeviceKind Kind { get; init; }
}
