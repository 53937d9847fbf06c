namespace NetWatch.Core.Identity;

/// <summary>The school's devices, found by static IP, hardware address or host name (with or without domain).</summary>
public sealed class DeviceRegistry
{
    public static readonly DeviceRegistry Empty = new([]);

    private readonly Dictionary<UInt128, Device> _byIp = [];
    private readonly Dictionary<ulong, Device> _byMac = [];
    private readonly Dictionary<string, Device> _byName = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Device> Devices { get; }

    public DeviceRegistry(IEnumerable<Device> devices)
    {
        Devices = devices.ToList();
        foreach (var d in Devices)
        {
            if (d.Ip is { } ip) _byIp[ip] = d;
            if (d.Mac is { } mac) _byMac[mac] = d;
            _byName.TryAdd(d.Name, d);
            _byName.TryAdd(ShortName(d.Name), d);
        }
    }

    public Device? ByIp(UInt128 ip) => _byIp.GetValueOrDefault(ip);

    public Device? ByMac(ulong mac) => _byMac.GetValueOrDefault(mac);

    /// <summary>By host name: "CLASS-PC-50", "class-pc-50.school.local" and "CLASS-PC-50$" all find the same device.</summary>
    public Device? ByName(string? hostName)
    {
        if (string.IsNullOrWhiteSpace(hostName)) return null;
        var name = hostName.Trim().TrimEnd('$');
        return _byName.GetValueOrDefault(name) ?? _byName.GetValueOrDefault(ShortName(name));
    }

    private static string ShortName(string name)
    {
        var dot = name.IndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }
}
