namespace NetWatch.Core.Identity;

/// <summary>
/// Unattributed volume is counted per device and local day (days since 1970-01-01 in the school's zone). The device
/// is its registered name, else the address of hardware the registry does not know. The name's hash comes with it:
/// for registered devices it is worked out once, with the index, so counting a request does not read the name.
/// </summary>
internal readonly struct VolumeKey(string device, long day, int hash) : IEquatable<VolumeKey>
{
    public string Device { get; } = device;
    public long Day { get; } = day;
    private readonly int _hash = hash;

    /// <summary>The hash a device name has in a key (the same wherever the key is made).</summary>
    public static int HashOf(string device) => device.GetHashCode();

    public bool Equals(VolumeKey other) => Day == other.Day && string.Equals(Device, other.Device, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is VolumeKey other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_hash, Day);
}
