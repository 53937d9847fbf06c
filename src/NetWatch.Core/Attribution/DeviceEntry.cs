namespace NetWatch.Core.Identity;

/// <summary>A registered device with its owner's directory entry resolved once (null: shared, or owner not in the directory).</summary>
public sealed record DeviceEntry(Device Device, Person? Owner);

/// <summary>All attribution knows about one address, found with one lookup: its logon and lease intervals and its static device.</summary>
public readonly record struct AddressEntry(IpIntervalMap.Slice Users, IpIntervalMap.Slice Hardware, DeviceEntry? Static);
