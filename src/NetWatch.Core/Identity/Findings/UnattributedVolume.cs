using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// Requests no person could be named for (or from guest devices), counted per device and local day for the
/// unattributed-volume findings. Counting is on the enricher's path, for a tenth of a day's requests or more: each
/// moment names its device's counter (<see cref="AddressMoment.VolumeCounter"/>), a slot in an array that is asked
/// for a few requests ahead, where a dictionary look-up would be a chain of memory visits each waiting for the last.
/// A counter holds one day; it is added to the totals when its device's next request falls on another day, when the
/// timeline (and so the numbering) changes, and when the totals are read. Not thread-safe: the collector locks.
/// </summary>
internal sealed class UnattributedVolume
{
    private const int Ahead = 8;

    private readonly Dictionary<VolumeKey, FindingAggregate> _totals = [];
    private AddressTimeline? _numbering;
    private Counter[] _counters = [];
    private LocalDays _days;

    private struct Counter
    {
        public long Day, Count, Bytes;
        public Instant First, Last;
        // The first request's: the device (same for every request of a device counter) and the address.
        public AddressSituation? Situation;
        public string? Ip;
    }

    /// <summary>Counts <paramref name="requests"/>, attributed with <paramref name="timeline"/>; days in <paramref name="zone"/>.</summary>
    public void Add(AddressTimeline timeline, DateTimeZone zone, ReadOnlySpan<UnattributedRequest> requests)
    {
        if (!ReferenceEquals(timeline, _numbering)) Renumber(timeline);
        var counters = _counters;
        for (var j = 0; j < requests.Length; j++)
        {
            if (j + Ahead < requests.Length && requests[j + Ahead].VolumeCounter is var next and >= 0) CacheHint.Prefetch(ref counters[next]);
            ref readonly var r = ref requests[j];
            var day = _days.Of(zone, r.At);
            if (r.VolumeCounter < 0)
            {
                Total(r.Situation, r.SourceIp, day, r.At).Add(r.At, r.Bytes);
                continue;
            }
            ref var counter = ref counters[r.VolumeCounter];
            if (counter.Count > 0 && counter.Day != day) Settle(ref counter);
            if (counter.Count == 0) counter = new Counter { Day = day, First = r.At, Last = r.At, Situation = r.Situation, Ip = r.SourceIp };
            else if (r.At < counter.First) counter.First = r.At;
            else if (r.At > counter.Last) counter.Last = r.At;
            counter.Count++;
            counter.Bytes += r.Bytes ?? 0;
        }
    }

    /// <summary>Every device's and day's total so far.</summary>
    public IReadOnlyDictionary<VolumeKey, FindingAggregate> Totals()
    {
        for (var i = 0; i < _counters.Length; i++)
            if (_counters[i].Count > 0) Settle(ref _counters[i]);
        return _totals;
    }

    /// <summary>A total a previous run stored (its finding): later requests of that device and day add to it.</summary>
    public void Seed(Finding stored, DateTimeZone zone)
    {
        var device = stored.RelatedDevice ?? stored.RelatedIp ?? "(no address)";
        var key = new VolumeKey(device, _days.Of(zone, stored.Start));
        if (_totals.ContainsKey(key)) return;
        var total = new FindingAggregate
        {
            First = stored.Start, Last = stored.End ?? stored.Start, Device = stored.RelatedDevice, Ip = stored.RelatedIp,
            Evidence = stored.Evidence is { } e && e.StartsWith("device kind ", StringComparison.Ordinal) ? e["device kind ".Length..] : null,
        };
        total.Add(stored.Start, stored.End ?? stored.Start, stored.EventCount, stored.Bytes);
        _totals[key] = total;
    }

    private void Renumber(AddressTimeline timeline)
    {
        Totals();
        _counters = new Counter[timeline.VolumeCounters];
        _numbering = timeline;
    }

    private void Settle(ref Counter counter)
    {
        Total(counter.Situation!, counter.Ip, counter.Day, counter.First).Add(counter.First, counter.Last, counter.Count, counter.Bytes);
        counter = default;
    }

    private FindingAggregate Total(AddressSituation situation, string? ip, long day, Instant first)
    {
        var key = new VolumeKey(situation.DeviceName ?? ip ?? "(no address)", day);
        if (!_totals.TryGetValue(key, out var total))
        {
            _totals[key] = total = new FindingAggregate
            {
                First = first, Last = first, Device = situation.DeviceName, Ip = ip,
                Evidence = situation.Device?.Kind.ToString().ToLowerInvariant(),
            };
        }
        return total;
    }
}
