using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Identity;

/// <summary>
/// Gathers the findings attribution makes while events pass (shared passwords, unattributed volume) and,
/// on <see cref="Complete"/>, adds those that come from the reference data alone (concurrent logons,
/// unregistered hardware). Thread-safe; counts are aggregated so one situation is one finding.
/// </summary>
public sealed class FindingCollector
{
    private volatile AttributionIndex _index;

    public FindingCollector(AttributionIndex index) => _index = index;

    /// <summary>
    /// The reference data was reloaded (the live service re-reads lease feeds as they grow): later findings, and those
    /// <see cref="Complete"/> derives from the reference data, use <paramref name="reloaded"/>. Aggregates so far stay.
    /// </summary>
    public void Rebase(AttributionIndex reloaded) => _index = reloaded;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Credential, string Holder, UInt128 Ip, Instant LogonStart), FindingAggregate> _shared = [];
    private readonly UnattributedVolume _volume = new();

    internal void SharedPassword(NetEvent e, Instant at, string credential, Holding logon, Device? device)
    {
        lock (_gate)
        {
            var key = (credential, logon.Holder, logon.Ip, logon.Start);
            if (!_shared.TryGetValue(key, out var a))
                _shared[key] = a = new FindingAggregate { First = at, Last = at, Device = device?.Name, Ip = IpKey.Format(logon.Ip), Logon = logon, Evidence = e.Id.ToString() };
            a.Add(at, e.ResponseBytes);
        }
    }

    /// <summary>Counts requests no person could be named for, or from guest devices, per device and local day.</summary>
    internal void Unattributed(AddressTimeline timeline, ReadOnlySpan<UnattributedRequest> requests)
    {
        if (requests.IsEmpty) return;
        var zone = _index.Options.LocalZone;
        lock (_gate) _volume.Add(timeline, zone, requests);
    }

    /// <summary>Every finding so far plus those of the reference data, in time order.</summary>
    public IReadOnlyList<Finding> Complete()
    {
        var index = _index;
        var list = new List<Finding>();
        lock (_gate)
        {
            foreach (var ((credential, holder, _, _), a) in _shared)
            {
                var owner = a.Device is not null && index.Devices.ByName(a.Device) is { Kind: DeviceKind.Assigned } d ? d.Owner : null;
                var where = a.Device is null ? a.Ip : $"{a.Device} ({a.Ip})";
                list.Add(new Finding
                {
                    Kind = FindingKinds.SharedPassword,
                    Description = owner is not null && string.Equals(AttributionIndex.CanonicalUser(index.Directory, owner), holder, StringComparison.OrdinalIgnoreCase)
                        ? $"the login {credential} was used on {where}, assigned to {holder}, while {holder} was logged on: possible shared or stolen password"
                        : $"the login {credential} was used on {where} while {holder} was logged on: possible shared or stolen password",
                    RelatedUser = holder,
                    CredentialUser = credential,
                    RelatedDevice = a.Device,
                    RelatedIp = a.Ip,
                    Start = a.First,
                    End = a.Last,
                    EventCount = a.Count,
                    Bytes = a.Bytes,
                    Evidence = $"first event {a.Evidence}; logon {a.Logon!.Evidence.Origin}",
                });
            }
            foreach (var (key, a) in _volume.Totals())
            {
                var (device, day) = (key.Device, new LocalDate(1970, 1, 1).PlusDays((int)key.Day));
                list.Add(new Finding
                {
                    Kind = FindingKinds.UnattributedVolume,
                    Description = $"{a.Count} requests, {a.Bytes} bytes from {device} on {day:uuuu-MM-dd} could not be attributed to a person" +
                        (a.Evidence is "guest" ? " (guest device)" : ""),
                    RelatedDevice = a.Device,
                    RelatedIp = a.Ip,
                    Start = a.First,
                    End = a.Last,
                    EventCount = a.Count,
                    Bytes = a.Bytes,
                    Evidence = a.Evidence is null ? "device not in the registry" : $"device kind {a.Evidence}",
                });
            }
        }
        list.AddRange(ConcurrentLogonDetector.Detect(index));
        list.AddRange(UnregisteredHardwareDetector.Detect(index));
        return list.OrderBy(f => f.Start).ThenBy(f => f.Kind, StringComparer.Ordinal).ToList();
    }
}
