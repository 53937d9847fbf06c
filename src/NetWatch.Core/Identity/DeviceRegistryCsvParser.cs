namespace NetWatch.Core.Identity;

/// <summary>
/// Reads the device registry CSV: a header row with name and kind and at least one of ip / mac, and
/// owner (empty for shared, guest and infrastructure devices). An assigned device must have an owner.
/// </summary>
public static class DeviceRegistryCsvParser
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["name"] = ["name", "device", "device_name", "hostname", "host_name"],
        ["kind"] = ["kind", "type", "device_kind"],
        ["?ip"] = ["ip", "ip_address", "address"],
        ["?mac"] = ["mac", "mac_address", "hardware_address"],
        ["?owner"] = ["owner", "user", "assigned_to"],
    };

    public static ReferenceParseResult<DeviceRegistry> Parse(string source, IEnumerable<string> lines)
    {
        var table = CsvTable.Read(source, lines, Columns);
        var errors = table.Errors;
        if (errors.Count == 0 && !table.Has("ip") && !table.Has("mac"))
            errors.Add(new(source, 1, "the header needs an 'ip' or a 'mac' column"));
        var devices = new List<Device>();
        var seenIp = new Dictionary<UInt128, long>();
        var seenMac = new Dictionary<ulong, long>();
        foreach (var (line, fields) in errors.Count == 0 ? table.Rows : [])
        {
            var name = table.Get(fields, "name");
            var kindText = table.Get(fields, "kind");
            var ipText = table.Get(fields, "ip");
            var macText = table.Get(fields, "mac");
            var owner = table.Get(fields, "owner");
            if (name is null) { errors.Add(new(source, line, "empty device name")); continue; }
            if (!Enum.TryParse<DeviceKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
            {
                errors.Add(new(source, line, $"kind '{kindText}' is not one of shared, assigned, guest, infrastructure"));
                continue;
            }
            UInt128? ip = null;
            ulong? mac = null;
            if (ipText is not null)
            {
                if (!IpKey.TryParse(ipText, out var k)) { errors.Add(new(source, line, $"'{ipText}' is not an IP address")); continue; }
                if (seenIp.TryGetValue(k, out var first)) { errors.Add(new(source, line, $"IP {ipText} is already registered on line {first}")); continue; }
                seenIp[k] = line;
                ip = k;
            }
            if (macText is not null)
            {
                if (!MacKey.TryParse(macText, out var m)) { errors.Add(new(source, line, $"'{macText}' is not a hardware (MAC) address")); continue; }
                if (seenMac.TryGetValue(m, out var first)) { errors.Add(new(source, line, $"MAC {macText} is already registered on line {first}")); continue; }
                seenMac[m] = line;
                mac = m;
            }
            if (ip is null && mac is null) { errors.Add(new(source, line, "needs an IP or a MAC address")); continue; }
            if (kind == DeviceKind.Assigned && owner is null) { errors.Add(new(source, line, $"assigned device '{name}' has no owner")); continue; }
            if (kind != DeviceKind.Assigned && owner is not null)
            {
                errors.Add(new(source, line, $"{kind.ToString().ToLowerInvariant()} device '{name}' must not have an owner (only assigned devices do)"));
                continue;
            }
            devices.Add(new Device { Name = name, Ip = ip, Mac = mac, Owner = owner, Kind = kind });
        }
        return new(new DeviceRegistry(devices), errors);
    }
}
