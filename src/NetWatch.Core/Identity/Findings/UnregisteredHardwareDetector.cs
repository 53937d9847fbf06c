using NetWatch.Core.Events;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// Hardware the device registry does not know, given an address on the wired network by DHCP (or seen
/// on an Ethernet port by RADIUS). One finding per hardware address, from its first to its last lease.
/// </summary>
public static class UnregisteredHardwareDetector
{
    public static IEnumerable<Finding> Detect(AttributionIndex index)
    {
        var wired = index.Options.WiredNetworks;
        var unknown = index.Hardware.Holdings
            .Where(h => h.Evidence.Mac is { } mac && index.Devices.ByMac(mac) is null && index.Devices.ByName(h.Evidence.HostName) is null)
            .Where(h => h.Evidence.Wired ?? (wired.Count == 0 || wired.Any(n => n.Contains(h.Ip))))
            .GroupBy(h => h.Evidence.Mac!.Value);
        foreach (var hw in unknown.OrderBy(g => g.Min(h => h.Start)))
        {
            var leases = hw.OrderBy(h => h.Start).ToList();
            var mac = MacKey.Format(hw.Key);
            var hostName = leases.Select(h => h.Evidence.HostName).FirstOrDefault(n => n is not null);
            var ips = string.Join(", ", leases.Select(h => IpKey.Format(h.Ip)).Distinct());
            yield return new Finding
            {
                Kind = FindingKinds.UnregisteredHardware,
                Description = $"hardware {mac}{(hostName is null ? "" : $" ('{hostName}')")} is not in the device registry but was given {ips} on the wired network",
                RelatedDevice = hostName,
                RelatedIp = ips,
                RelatedMac = mac,
                Start = leases[0].Start,
                End = leases.Any(h => h.End is null) ? null : leases.Max(h => h.End),
                EventCount = leases.Count,
                Evidence = string.Join("; ", leases.Select(h => h.Evidence.Origin).Take(10)),
            };
        }
    }
}
