using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// Gathers the findings attribution makes while events pass (shared passwords, unattributed volume) and,
/// on <see cref="Complete"/>, adds those that come from the reference data alone (concurrent logons,
/// unregistered hardware). Thread-safe; counts are aggregated so one situation is one finding.
/// <para>A <see cref="Deferred"/> collector (the pipeline's) holds what each batch of events contributes until the store
/// has said which of them were new (<see cref="TakePending"/>, then <see cref="Commit"/>), so a re-imported or replayed
/// event is not counted again; <see cref="Seed"/> gives it the findings a previous run stored, so that counting
/// continues them (same id, growing counts) instead of starting a second finding.</para>
/// </summary>
public sealed class FindingCollector
{
    private volatile AttributionIndex _index;

    public FindingCollector(AttributionIndex index) => _index = index;

    /// <summary>Contributions wait for <see cref="Commit"/> instead of counting at once.</summary>
    public bool Deferred { get; init; }

    /// <summary>
    /// The reference data was reloaded (the live service re-reads lease feeds as they grow): later findings, and those
    /// <see cref="Complete"/> derives from the reference data, use <paramref name="reloaded"/>. Aggregates so far stay.
    /// </summary>
    public void Rebase(AttributionIndex reloaded) => _index = reloaded;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Credential, string Holder, UInt128 Ip, Instant LogonStart), FindingAggregate> _shared = [];
    private readonly UnattributedVolume _volume = new();

    private PendingFindings _pending = new();
    private readonly Dictionary<(string Credential, string Holder, string? Ip), Finding> _seededShared = [];

    internal void SharedPassword(NetEvent e, Instant at, string credential, Holding logon, Device? device)
    {
        lock (_gate)
        {
            if (Deferred) _pending.Shared.Add(new PendingShared(e.Id, e.ResponseBytes, at, credential, logon, device?.Name));
            else AddShared(e.Id, e.ResponseBytes, at, credential, logon, device?.Name);
        }
    }

    private void AddShared(EventId id, long? bytes, Instant at, string credential, Holding logon, string? device)
    {
        var key = (credential, logon.Holder, logon.Ip, logon.Start);
        if (!_shared.TryGetValue(key, out var a))
        {
            _shared[key] = a = new FindingAggregate { First = at, Last = at, Device = device, Ip = IpKey.Format(logon.Ip), Logon = logon, Evidence = id.ToString() };
            // A finding a previous run stored for this login during this logon: continue it.
            if (_seededShared.Remove((credential, logon.Holder, a.Ip), out var seed) && seed.End is { } end && end >= logon.Start)
            {
                a.Add(seed.Start, end, seed.EventCount, seed.Bytes);
                a.Evidence = FirstEventOf(seed) ?? a.Evidence;
            }
        }
        a.Add(at, bytes);
    }

    /// <summary>Counts requests no person could be named for, or from guest devices, per device and local day.</summary>
    internal void Unattributed(AddressTimeline timeline, ReadOnlySpan<UnattributedRequest> requests)
    {
        if (requests.IsEmpty) return;
        var zone = _index.Options.LocalZone;
        lock (_gate)
        {
            if (Deferred) _pending.Volume.Add((timeline, requests.ToArray()));
            else _volume.Add(timeline, zone, requests);
        }
    }

    /// <summary>What the events enriched since the last call contributed (a deferred collector), to <see cref="Commit"/> once stored.</summary>
    public PendingFindings TakePending()
    {
        lock (_gate)
        {
            var taken = _pending;
            _pending = new PendingFindings();
            return taken;
        }
    }

    /// <summary>Counts the contributions of the events <paramref name="isNew"/> says were stored for the first time.</summary>
    public void Commit(PendingFindings pending, Func<EventId, bool> isNew)
    {
        if (pending.IsEmpty) return;
        var zone = _index.Options.LocalZone;
        lock (_gate)
        {
            foreach (var p in pending.Shared)
                if (isNew(p.Id)) AddShared(p.Id, p.Bytes, p.At, p.Credential, p.Logon, p.Device);
            foreach (var (timeline, requests) in pending.Volume)
                _volume.Add(timeline, zone, requests.Where(r => isNew(r.Id)).ToArray());
        }
    }

    /// <summary>
    /// Findings a previous run stored (shared passwords, unattributed volume): later contributions to the same situation
    /// add to their counts and keep their start, so they keep their id and replace them.
    /// </summary>
    public void Seed(IEnumerable<Finding> stored)
    {
        var zone = _index.Options.LocalZone;
        lock (_gate)
        {
            foreach (var f in stored)
            {
                if (f.Kind == FindingKinds.SharedPassword && f.CredentialUser is { } credential && f.RelatedUser is { } holder)
                    _seededShared[(credential, holder, f.RelatedIp)] = f;
                else if (f.Kind == FindingKinds.UnattributedVolume)
                    _volume.Seed(f, zone);
            }
        }
    }

    private static string? FirstEventOf(Finding f) =>
        f.Evidence is { } text && text.StartsWith("first event ", StringComparison.Ordinal)
            ? text["first event ".Length..].Split(';')[0]
            : null;

    /// <summary>Every finding so far plus (unless <paramref name="withReferenceData"/> is false) those of the reference data alone, in time order.</summary>
    public IReadOnlyList<Finding> Complete(bool withReferenceData = true)
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
        if (withReferenceData)
        {
            list.AddRange(ConcurrentLogonDetector.Detect(index));
            list.AddRange(UnregisteredHardwareDetector.Detect(index));
        }
        return list.OrderBy(f => f.Start).ThenBy(f => f.Kind, StringComparer.Ordinal).ToList();
    }
}

/// <summary>What one batch's events contributed to a deferred <see cref="FindingCollector"/>, until the store says which were new.</summary>
public sealed class PendingFindings
{
    internal List<PendingShared> Shared { get; } = [];
    internal List<(AddressTimeline Timeline, UnattributedRequest[] Requests)> Volume { get; } = [];
    public bool IsEmpty => Shared.Count == 0 && Volume.Count == 0;
}

internal sealed record PendingShared(EventId Id, long? Bytes, Instant At, string Credential, Holding Logon, string? Device);
