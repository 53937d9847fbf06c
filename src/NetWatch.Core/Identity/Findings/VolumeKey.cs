namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// Unattributed volume is totalled per device and local day (days since 1970-01-01 in the school's zone). The device
/// is its registered name, else the address of hardware the registry does not know.
/// </summary>
internal readonly record struct VolumeKey(string Device, long Day);
