using System.Buffers;

namespace NetWatch.Core.Identity;

/// <summary>
/// Every address's situations over time: the logon and lease maps merged, per address, into stretches in which
/// neither changes. A lookup is one probe of the address table (IPv4 by its 32-bit value) and a search over that
/// address's stretch starts, in flat arrays; in batches (<see cref="AtAll"/>) a cursor per address usually spares
/// the search. Few memory visits per event: they, not the arithmetic, are what attribution's cost is made of.
/// </summary>
public sealed class AddressTimeline
{
    // First and Last: the second and the last start of the address (when it has more than one stretch), for the
    // interpolation guess without a visit to the stretches. Id: the address's number, its place in AddressCursors.
    private readonly record struct Stretches(int Offset, int Count, long First, long Last, int Id);

    private readonly UInt32Map<Stretches> _v4;
    private readonly Dictionary<UInt128, Stretches> _v6 = [];
    // Per address, ascending by start; the first start of each address is long.MinValue, so every instant has a
    // stretch. What the event needs lies beside the start: the search's last probe has already fetched it.
    private readonly Stretch[] _stretches;

    private readonly record struct Stretch(long Start, AddressMoment Moment);

    public int AddressCount { get; }

    /// <summary>A cursor table for one reader of the timeline (see <see cref="AtAll"/>).</summary>
    public AddressCursors CreateCursors() => new(AddressCount);

    /// <summary>The situation of <paramref name="ip"/> at <paramref name="from"/> (Unix ticks). When the event may have
    /// started as late as <paramref name="latest"/> and the logon changes in between, it is ambiguous.</summary>
    public AddressMoment At(string? ip, long from, long latest, out bool ambiguous)
    {
        ambiguous = false;
        return Lookup(ip, out var stretches) ? MomentAt(stretches, from, latest, out ambiguous) : AddressMoment.Unknown;
    }

    private bool Lookup(string? ip, out Stretches stretches)
    {
        if (IpKey.TryParseIPv4(ip, out var v4)) return _v4.TryGetValue(v4, out stretches);
        stretches = default;
        return IpKey.TryParse(ip, out var v6) && _v6.TryGetValue(v6, out stretches);
    }

    private AddressMoment MomentAt(in Stretches stretches, long from, long latest, out bool ambiguous) =>
        MomentAt(stretches, Find(stretches, from), latest, out ambiguous);

    /// <summary>Stretch <paramref name="i"/>'s moment; ambiguous when the logon changes before <paramref name="latest"/>.</summary>
    private AddressMoment MomentAt(in Stretches stretches, int i, long latest, out bool ambiguous)
    {
        var moment = _stretches[i].Moment;
        ambiguous = i + 1 < stretches.Offset + stretches.Count && _stretches[i + 1].Start <= latest
            && !ReferenceEquals(_stretches[Find(stretches, latest)].Moment.Situation.Logon, moment.Situation.Logon);
        return moment;
    }

    /// <summary>
    /// <see cref="At"/> for a whole batch, in two passes (the address table; then the cursor, else the stretches) whose
    /// memory visits are independent from one event to the next, so that the processor overlaps them.
    /// </summary>
    public void AtAll(ReadOnlySpan<string?> ips, ReadOnlySpan<long> from, ReadOnlySpan<long> latest, AddressCursors cursors,
        Span<AddressMoment> moments, Span<bool> ambiguous)
    {
        var found = ArrayPool<Stretches>.Shared.Rent(ips.Length);
        try
        {
            for (var i = 0; i < ips.Length; i++)
                if (!Lookup(ips[i], out found[i])) found[i] = default;
            var items = cursors.Items;
            for (var i = 0; i < ips.Length; i++)
            {
                ambiguous[i] = false;
                if (found[i].Count == 0) { moments[i] = AddressMoment.Unknown; continue; }
                ref var cursor = ref items[found[i].Id];
                // The whole possible start of the event lies in the stretch last found: same moment, no ambiguity.
                if (cursor.Start <= from[i] && latest[i] < cursor.End) { moments[i] = cursor.Moment; continue; }
                var at = Find(found[i], from[i]);
                moments[i] = MomentAt(found[i], at, latest[i], out ambiguous[i]);
                var end = at + 1 < found[i].Offset + found[i].Count ? _stretches[at + 1].Start : long.MaxValue;
                cursor = new AddressCursors.Cursor(_stretches[at].Start, end, moments[i]);
            }
        }
        finally
        {
            ArrayPool<Stretches>.Shared.Return(found);
        }
    }

    /// <summary>The last stretch starting at or before <paramref name="ticks"/>.</summary>
    private int Find(in Stretches stretches, long ticks)
    {
        int lo = stretches.Offset, hi = stretches.Offset + stretches.Count - 1;
        if (ticks < stretches.First || lo == hi) return lo;
        if (ticks >= stretches.Last) return hi;
        // Now the answer lies strictly between the first and the last stretch. Logons and leases spread over
        // time, so interpolation lands on or next to it: the search then runs in the few stretches beside the guess.
        (lo, hi) = (lo + 1, hi - 1);
        var guess = lo + (int)((double)(ticks - stretches.First) / (stretches.Last - stretches.First) * (hi - lo));
        guess = Math.Clamp(guess, lo, hi);
        if (_stretches[guess].Start <= ticks)
        {
            lo = guess;
            var next = Math.Min(guess + 3, hi);
            if (_stretches[next].Start > ticks) hi = next - 1;
        }
        else
        {
            hi = guess - 1;
            var previous = Math.Max(guess - 3, lo);
            if (_stretches[previous].Start <= ticks) lo = previous;
        }
        // Binary search keeping _stretches[lo].Start <= ticks.
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (_stretches[mid].Start <= ticks) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    public AddressTimeline(IpIntervalMap users, IpIntervalMap hardware, IReadOnlyDictionary<UInt128, DeviceEntry> statics)
    {
        var stretches = new List<Stretch>();
        var v4 = new List<KeyValuePair<uint, Stretches>>();
        var addresses = users.Slices.Select(s => s.Ip).Concat(hardware.Slices.Select(s => s.Ip)).Concat(statics.Keys).Distinct();
        var id = 0;
        foreach (var ip in addresses)
        {
            var offset = stretches.Count;
            AddStretches(ip, users, hardware, statics.GetValueOrDefault(ip), stretches);
            var count = stretches.Count - offset;
            var range = count == 1 ? new Stretches(offset, 1, long.MaxValue, long.MaxValue, id++)
                : new Stretches(offset, count, stretches[offset + 1].Start, stretches[^1].Start, id++);
            if (IpKey.IsIPv4(ip)) v4.Add(new((uint)ip, range));
            else _v6[ip] = range;
        }
        _v4 = new UInt32Map<Stretches>(v4);
        AddressCount = id;
        _stretches = stretches.ToArray();
    }

    private static void AddStretches(UInt128 ip, IpIntervalMap users, IpIntervalMap hardware, DeviceEntry? staticEntry,
        List<Stretch> stretches)
    {
        var logons = users.SliceOf(ip);
        var leases = hardware.SliceOf(ip);
        var bounds = users.Boundaries(logons).Concat(hardware.Boundaries(leases)).Append(long.MinValue).Distinct().Order();
        int lastLogon = -2, lastLease = -2;
        foreach (var at in bounds)
        {
            var logon = users.IndexAt(logons, at);
            var lease = hardware.IndexAt(leases, at);
            if (logon == lastLogon && lease == lastLease) continue;
            (lastLogon, lastLease) = (logon, lease);
            var leased = lease >= 0 ? hardware.PayloadAt(lease) as DeviceEntry : null;
            stretches.Add(new Stretch(at, AddressMoment.Of(new AddressSituation(
                logon >= 0 ? users.HoldingAt(logon) : null,
                logon >= 0 ? users.PayloadAt(logon) as Person : null,
                logon >= 0 ? users.SourceAt(logon) : null,
                leased ?? staticEntry,
                viaLease: leased is not null))));
        }
    }
}
