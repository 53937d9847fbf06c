using System.Buffers;

namespace NetWatch.Core.Identity;

/// <summary>
/// Every address's situations over time: the logon and lease maps merged, per address, into stretches in which
/// neither changes. A lookup is one probe of a small address table (IPv4 by its 32-bit value) for the address's
/// number, then its stretches' starts in one flat array and their moments in another; in batches (<see cref="StartBatch"/>) a cursor per address usually spares
/// the search. Few memory visits per event: they, not the arithmetic, are what attribution's cost is made of.
/// </summary>
public sealed partial class AddressTimeline
{
    // Where an address's stretches lie. First and Last: its second and its last start (when it has more than one
    // stretch), for the interpolation guess without a visit to the stretches.
    private readonly record struct Stretches(int Offset, int Count, long First, long Last);

    // Address → its number (the index into _ranges and into a reader's cursors): 12 bytes a slot, so the table of a
    // large school's addresses stays in the cache.
    private readonly UInt32Map<int> _v4;
    private readonly Dictionary<UInt128, int> _v6 = [];
    private readonly Stretches[] _ranges;
    // By stretch: its start, per address ascending, the first long.MinValue, and after the last one long.MaxValue, where
    // no stretch begins: stretch k ends where k + 1 starts, so that every instant has a stretch. Eight bytes a stretch,
    // apart from the moments: finding the stretch reads a line or two, not a line per stretch passed.
    private readonly long[] _starts;
    // By stretch (the same index): what the event needs of its situation.
    private readonly AddressMoment[] _moments;

    public int AddressCount => _ranges.Length;

    /// <summary>
    /// How many unattributed-volume counters the moments number: one per registered device (by name) and one per
    /// address where no registered device is known, the keys the findings count that volume by.
    /// </summary>
    public int VolumeCounters { get; }

    /// <summary>A cursor table for one reader of the timeline (see <see cref="StartBatch"/>).</summary>
    public AddressCursors CreateCursors() => new(this, AddressCount);

    /// <summary>The situation of <paramref name="ip"/> at <paramref name="from"/> (Unix ticks). When the event may have
    /// started as late as <paramref name="latest"/> and the logon changes in between, it is ambiguous.</summary>
    public AddressMoment At(string? ip, long from, long latest, out bool ambiguous)
    {
        ambiguous = false;
        if (!Lookup(ip, out var address)) return AddressMoment.Unknown;
        var at = Find(_ranges[address], from);
        ambiguous = IsAmbiguous(at, latest);
        return _moments[at];
    }

    private bool Lookup(string? ip, out int address)
    {
        if (IpKey.TryParseIPv4(ip, out var v4)) return _v4.TryGetValue(v4, out address);
        address = -1;
        return IpKey.TryParse(ip, out var v6) && _v6.TryGetValue(v6, out address);
    }

    /// <summary>Whether the logon changes between stretch <paramref name="i"/>'s start and <paramref name="latest"/>.</summary>
    private bool IsAmbiguous(int i, long latest)
    {
        if (latest < _starts[i + 1]) return false;
        // The event may have started in a later stretch (less than a second later): ambiguous if the logon differs.
        var last = i + 1;
        while (latest >= _starts[last + 1]) last++;
        return !ReferenceEquals(_moments[last].Situation.Logon, _moments[i].Situation.Logon);
    }

    /// <summary>
    /// Look-ups for a batch of events, for one reader: <see cref="TimelineBatch.Add"/> every event, then
    /// <see cref="TimelineBatch.Locate"/> their addresses, then <see cref="TimelineBatch.At"/> the events in order,
    /// each after <see cref="TimelineBatch.Prefetch"/> has asked for the memory of events a little further on.
    /// In a day's log read in order each address's data has usually left the cache since its last event: asked for
    /// ahead, many fetches are under way at once instead of one after the other.
    /// </summary>
    public TimelineBatch StartBatch(int count, AddressCursors cursors)
    {
        if (cursors.Timeline != this) throw new ArgumentException("cursors of another timeline", nameof(cursors));
        return new TimelineBatch(this, count, cursors);
    }

    /// <summary>
    /// The stretch of <paramref name="address"/> holding <paramref name="ticks"/>: from the cursor, a few stretches on
    /// (events come in time order, and a logon and its logoff make two stretches), or the one before (Squid logs a
    /// request when it ends, so starts are a little out of order); else by search.
    /// </summary>
    private int StretchFrom(int cursor, int address, long ticks)
    {
        if (cursor < 0) return Find(_ranges[address], ticks);
        if (ticks < _starts[cursor])
        {
            // An address's first stretch starts at long.MinValue: this one has a predecessor of the same address.
            return _starts[cursor - 1] <= ticks ? cursor - 1 : Find(_ranges[address], ticks);
        }
        // The last stretch of an address ends at long.MaxValue: the walk stays within the address.
        for (var step = 0; step < StepsOn; step++, cursor++)
            if (ticks < _starts[cursor + 1]) return cursor;
        return Find(_ranges[address], ticks);
    }

    // Stretches a cursor walks on before a search: their starts lie side by side, in a line or two.
    private const int StepsOn = 4;

    /// <summary>The last stretch starting at or before <paramref name="ticks"/>.</summary>
    private int Find(in Stretches stretches, long ticks)
    {
        var guess = Guess(stretches, ticks);
        if (_starts[guess] <= ticks && ticks < _starts[guess + 1]) return guess;
        // Now the answer lies strictly between the first and the last stretch (those are never missed). The search
        // runs in the few stretches beside the guess first.
        int lo = stretches.Offset + 1, hi = stretches.Offset + stretches.Count - 2;
        if (_starts[guess] <= ticks)
        {
            lo = guess;
            var next = Math.Min(guess + 3, hi);
            if (_starts[next] > ticks) hi = next - 1;
        }
        else
        {
            hi = guess - 1;
            var previous = Math.Max(guess - 3, lo);
            if (_starts[previous] <= ticks) lo = previous;
        }
        // Binary search keeping _starts[lo] <= ticks.
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_starts[mid] <= ticks) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /// <summary>
    /// Where the stretch holding <paramref name="ticks"/> likely is: the first or the last, else by interpolation
    /// between them (logons and leases spread over time, so it lands on or next to the answer).
    /// </summary>
    private static int Guess(in Stretches stretches, long ticks)
    {
        int lo = stretches.Offset, hi = stretches.Offset + stretches.Count - 1;
        if (ticks < stretches.First || lo == hi) return lo;
        if (ticks >= stretches.Last) return hi;
        (lo, hi) = (lo + 1, hi - 1);
        var guess = lo + (int)((double)(ticks - stretches.First) / (stretches.Last - stretches.First) * (hi - lo));
        return Math.Clamp(guess, lo, hi);
    }

    public AddressTimeline(IpIntervalMap users, IpIntervalMap hardware, IReadOnlyDictionary<UInt128, DeviceEntry> statics)
    {
        var starts = new List<long>();
        var moments = new List<AddressMoment>();
        var ranges = new List<Stretches>();
        var v4 = new List<KeyValuePair<uint, int>>();
        var counters = new Dictionary<(string? Device, UInt128 Ip), int>();
        var addresses = users.Slices.Select(s => s.Ip).Concat(hardware.Slices.Select(s => s.Ip)).Concat(statics.Keys).Distinct();
        foreach (var ip in addresses)
        {
            var offset = starts.Count;
            AddStretches(ip, users, hardware, statics.GetValueOrDefault(ip), starts, moments, counters);
            var count = starts.Count - offset;
            ranges.Add(count == 1 ? new Stretches(offset, 1, long.MaxValue, long.MaxValue)
                : new Stretches(offset, count, starts[offset + 1], starts[^1]));
            // Where the address's last stretch ends; no stretch of it starts there.
            starts.Add(long.MaxValue);
            moments.Add(AddressMoment.Unknown);
            if (IpKey.IsIPv4(ip)) v4.Add(new((uint)ip, ranges.Count - 1));
            else _v6[ip] = ranges.Count - 1;
        }
        _v4 = new UInt32Map<int>(v4);
        _ranges = ranges.ToArray();
        _starts = starts.ToArray();
        _moments = moments.ToArray();
        VolumeCounters = counters.Count;
    }

    private static void AddStretches(UInt128 ip, IpIntervalMap users, IpIntervalMap hardware, DeviceEntry? staticEntry,
        List<long> starts, List<AddressMoment> moments, Dictionary<(string? Device, UInt128 Ip), int> counters)
    {
        var logons = users.SliceOf(ip);
        var leases = hardware.SliceOf(ip);
        var bounds = users.Boundaries(logons).Concat(hardware.Boundaries(leases)).Append(long.MinValue).Distinct().Order();
        var lastLogon = -2;
        DeviceEntry? lastEntry = null;
        var lastViaLease = false;
        foreach (var at in bounds)
        {
            var logon = users.IndexAt(logons, at);
            var lease = hardware.IndexAt(leases, at);
            var leased = lease >= 0 ? hardware.PayloadAt(lease) as DeviceEntry : null;
            // A renewed lease of the same device changes nothing attribution reads: one stretch goes on.
            if (logon == lastLogon && ReferenceEquals(leased ?? staticEntry, lastEntry) && (leased is not null) == lastViaLease) continue;
            (lastLogon, lastEntry, lastViaLease) = (logon, leased ?? staticEntry, leased is not null);
            var situation = new AddressSituation(
                logon >= 0 ? users.HoldingAt(logon) : null,
                logon >= 0 ? users.PayloadAt(logon) as Person : null,
                logon >= 0 ? users.SourceAt(logon) : null,
                leased ?? staticEntry,
                viaLease: leased is not null);
            var counterKey = situation.DeviceName is { } device ? (device, UInt128.Zero) : (null, ip);
            if (!counters.TryGetValue(counterKey, out var counter)) counters[counterKey] = counter = counters.Count;
            starts.Add(at);
            moments.Add(AddressMoment.Of(situation, counter));
        }
    }
}
