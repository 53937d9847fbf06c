namespace NetWatch.Core.Identity;

/// <summary>A registered device with its owner's directory entry resolved once (null: shared, or owner not in the directory).</summary>
public sealed record DeviceEntry(Device Device, Person? Owner);

