namespace NetWatch.Core.Identity;

/// <summary>
/// Everything attribution looks things up in, built once: the directory, the device registry, who was
/// logged on where (logon and RADIUS user sessions) and which hardware held which address (DHCP and
/// RADIUS). Read-only after <see cref="Build"/>, so lookups are safe from several threads.
/// </summary>
public sealed class AttributionIndex
{
    public PeopleDirectory Directory { get; }
    public DeviceRegistry Devices { get; }
    /// <summary>IP → user over time (holder: canonical user name, or the name as fed when not in the directory).</summary>
    public IpIntervalMap Users { get; }
    /// <summary>IP → hardware over time (holder: the MAC as 12 hex digits).</summary>
    public IpIntervalMap Hardware { get; }
    public AttributionOptions Options { get; }
    /// <summary>Evidence that could not be placed (e.g. a logon on a computer with no known address).</summary>
    public IReadOnlyList<string> Warnings { get; }

    private AttributionIndex(PeopleDirectory directory, DeviceRegistry devices, IpIntervalMap users, IpIntervalMap hardware,
        AttributionOptions options, IReadOnlyList<string> warnings, Dictionary<Device, DeviceEntry> entries)
    {
        Directory = directory;
        Devices = devices;
        Users = users;
        Hardware = hardware;
        Options = options;
        Warnings = warnings;
        _entries = entries;
        var statics = new Dictionary<UInt128, DeviceEntry>();
        foreach (var entry in entries.Values)
            if (entry.Device.Ip is { } ip) statics[ip] = entry;
        Timeline = new AddressTimeline(users, hardware, statics);
    }

    public static AttributionIndex Build(PeopleDirectory directory, DeviceRegistry devices, IEnumerable<IpEvidence> evidence,
        AttributionOptions? options = null)
    {
        var warnings = new List<string>();
        var entries = devices.Devices.ToDictionary(d => d, d => new DeviceEntry(d, d.Owner is null ? null : directory.Find(d.Owner)),
            (IEqualityComparer<Device>)ReferenceEqualityComparer.Instance);
        var users = new List<IpClaim>();
        var hardware = new List<IpClaim>();
        foreach (var e in evidence)
        {
            var ip = e.Ip ?? devices.ByName(e.HostName)?.Ip;
            if (ip is not { } address)
            {
                warnings.Add($"{e.Origin}: computer '{e.HostName}' has no address in the feed or the device registry; evidence ignored");
                continue;
            }
            var start = e.Kind == EvidenceKind.Start;
            if (e.UserName is { } name)
            {
                var person = directory.Find(name);
                users.Add(new IpClaim(address, e.At, start, e.Expires, person?.UserName ?? name.Trim().ToLowerInvariant(), e, person));
            }
            if (e.Mac is { } mac)
                hardware.Add(new IpClaim(address, e.At, start, e.Expires, mac.ToString("x12"), e,
                    (devices.ByMac(mac) ?? devices.ByName(e.HostName)) is { } d ? entries[d] : null));
        }
        return new AttributionIndex(directory, devices, IpIntervalMap.Build(users), IpIntervalMap.Build(hardware),
            options ?? new AttributionOptions(), warnings, entries);
    }

    private readonly Dictionary<Device, DeviceEntry> _entries;

    /// <summary>Both maps and the static devices merged per address into situations over time (the enricher's hot path).</summary>
    public AddressTimeline Timeline { get; }

    /// <summary>The directory entry of an assigned device's owner (null when not in the directory), looked up once per device.</summary>
    public Person? OwnerOf(Device device) => _entries.GetValueOrDefault(device)?.Owner;

    public static string CanonicalUser(PeopleDirectory directory, string name) =>
        directory.Find(name)?.UserName ?? name.Trim().ToLowerInvariant();
}
