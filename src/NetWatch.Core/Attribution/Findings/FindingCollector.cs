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
    private readonly Dictionary<(string Credential, string Holder, UInt128 Ip, Instant LogonStart), Aggregate> _shared = [];
    // Keyed by the local day's number (days since 1970-01-01 in the school's zone): cheaper than a LocalDate per event.
    private readonly Dictionary<(string Device, long Day), Aggregate> _volume = [];

    private sealed class Aggregate
    {
        public required Instant First;
        public Instant Last;
        public long Count, Bytes;
        public string? Device, Ip, Evidence;
        public Holding? Logon;

        public void Add(Instant at, long? bytes)
        {
            if (at < First) First = at;
            if (at > Last) Last = at;
            Count++;
            Bytes += bytes ?? 0;
        }
    }

    internal void SharedPassword(NetEvent e, Instant at, string credential, Holding logon, Device? device)
    {
        lock (_gate)
        {
            var key = (credential, logon.Holder, logon.Ip, logon.Start);
            if (!_shared.TryGetValue(key, out var a))
                _shared[key] = a = new Aggregate { First = at, Last = at, Device = device?.Name, Ip = IpKey.Format(logon.Ip), Logon = logon, Evidence = e.Id.ToString() };
            a.Add(at, e.ResponseBytes);
        }
    }

    internal void Unattributed(NetEvent e, Instant at, Device? device)
    {
        lock (_gate)
        {
            var name = device?.Name ?? e.SourceIp ?? "(no address)";
            var local = at.ToUnixTimeTicks() + _index.Options.LocalZone.GetUtcOffset(at).Ticks;
            var key = (name, Math.DivRem(local, NodaConstants.TicksPerDay, out var rest) - (rest < 0 ? 1 : 0));
            if (!_volume.TryGetValue(key, out var a))
                _volume[key] = a = new Aggregate { First = at, Last = at, Device = device?.Name, Ip = e.SourceIp, Evidence = device?.Kind.ToString().ToLowerInvariant() };
            a.Add(at, e.ResponseBytes);
        }
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
            foreach (var ((device, dayNumber), a) in _volume)
            {
                var day = new LocalDate(1970, 1, 1).PlusDays((int)dayNumber);
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
