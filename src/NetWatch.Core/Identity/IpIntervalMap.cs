using NodaTime;

namespace NetWatch.Core.Identity;

/// <summary>
/// Who held each IP address over time. Built once from claims; then <see cref="TryFind"/> is a dictionary
/// lookup on the 128-bit address and a binary search over that address's intervals, which never overlap.
/// <para>Rules, applied per address in time order (input order breaks ties):
/// a start by another holder ends the interval in force at that instant (later evidence wins);
/// a start by the same holder while its interval is in force renews it (its expiry becomes the new one);
/// a stop ends the interval only if it names the holder in force; an interval with an expiry ends there.</para>
/// </summary>
public sealed class IpIntervalMap
{
    public static readonly IpIntervalMap Empty = Build([]);

    // All intervals of all addresses in three flat arrays, grouped by address and sorted by start within
    // each group; the dictionary gives an address's slice. Few objects to visit per lookup: cache-friendly.
    private readonly Dictionary<UInt128, (int Offset, int Count)> _byIp;
    // Start, end and what the hot path needs side by side: one cache line per probe.
    private readonly Interval[] _intervals;
    private readonly Holding[] _holdings;
    // What the hot path needs of a holding, without visiting the Holding and its evidence.

    private readonly record struct Interval(long Start, long End, object? Payload, string Source);

    private IpIntervalMap(Dictionary<UInt128, (int, int)> byIp, Holding[] holdings)
    {
        _byIp = byIp;
        _holdings = holdings;
        _intervals = holdings.Select(h => new Interval(h.Start.ToUnixTimeTicks(), h.End?.ToUnixTimeTicks() ?? long.MaxValue, h.Payload, h.Evidence.Source))
            .ToArray();
    }

    /// <summary>Where one address's intervals lie in the flat arrays (Count 0: none).</summary>
    public readonly record struct Slice(int Offset, int Count);

    /// <summary>Every address with its slice (to build a combined index over several maps).</summary>
    public IEnumerable<(UInt128 Ip, Slice Slice)> Slices => _byIp.Select(p => (p.Key, new Slice(p.Value.Offset, p.Value.Count)));

    /// <summary>The position of the interval in force at <paramref name="ticks"/> (Unix ticks) in the slice, or -1.</summary>
    public int IndexAt(Slice slice, long ticks)
    {
        if (slice.Count == 0) return -1;
        // The last interval starting at or before ticks (starts are strictly increasing within a slice).
        int lo = slice.Offset, hi = slice.Offset + slice.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_intervals[mid].Start <= ticks) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 || ticks >= _intervals[found].End ? -1 : found;
    }

    /// <summary>One address's slice (Count 0: no intervals).</summary>
    public Slice SliceOf(UInt128 ip) => _byIp.TryGetValue(ip, out var slice) ? new Slice(slice.Offset, slice.Count) : default;

    /// <summary>The instants (Unix ticks) at which the slice's holder changes: every start and every end.</summary>
    public IEnumerable<long> Boundaries(Slice slice)
    {
        for (var i = slice.Offset; i < slice.Offset + slice.Count; i++)
        {
            yield return _intervals[i].Start;
            if (_intervals[i].End != long.MaxValue) yield return _intervals[i].End;
        }
    }

    public Holding HoldingAt(int index) => _holdings[index];

    public object? PayloadAt(int index) => _intervals[index].Payload;

    public string SourceAt(int index) => _intervals[index].Source;

    public int AddressCount => _byIp.Count;

    public IEnumerable<Holding> Holdings => _holdings;

    public IReadOnlyList<Holding> HoldingsOf(UInt128 ip) =>
        _byIp.TryGetValue(ip, out var slice) ? new ArraySegment<Holding>(_holdings, slice.Offset, slice.Count) : [];

    public bool TryFind(UInt128 ip, Instant at, out Holding holding)
    {
        holding = null!;
        if (!_byIp.TryGetValue(ip, out var slice)) return false;
        var i = IndexAt(new Slice(slice.Offset, slice.Count), at.ToUnixTimeTicks());
        if (i < 0) return false;
        holding = _holdings[i];
        return true;
    }

    public static IpIntervalMap Build(IEnumerable<IpClaim> claims)
    {
        var byIp = new Dictionary<UInt128, (int, int)>();
        var all = new List<Holding>();
        foreach (var group in claims.GroupBy(c => c.Ip))
        {
            // OrderBy is stable: claims at the same instant keep their input order. Times are cut to
            // ticks (100 ns) so that every interval kept is at least one tick long and starts are strictly increasing.
            var holdings = Sweep(group.Select(ToTicks).OrderBy(c => c.At));
            if (holdings.Count == 0) continue;
            byIp[group.Key] = (all.Count, holdings.Count);
            all.AddRange(holdings);
        }
        return new IpIntervalMap(byIp, all.ToArray());
    }

    private static Instant Tick(Instant t) => Instant.FromUnixTimeTicks(t.ToUnixTimeTicks());

    private static IpClaim ToTicks(IpClaim c) =>
        c with { At = Tick(c.At), Expires = c.Expires is { } e ? Tick(e) : null };

    private static List<Holding> Sweep(IEnumerable<IpClaim> ordered)
    {
        var result = new List<Holding>();
        IpClaim? current = null;
        Instant? expires = null;

        void Close(Instant end)
        {
            var c = current!.Value;
            if (end > c.At) result.Add(new Holding(c.Ip, c.At, end, c.Holder, c.Evidence, c.Payload));
            current = null;
        }

        foreach (var claim in ordered)
        {
            if (current is not null && expires is { } e && e <= claim.At) Close(e);
            var same = current is not null && string.Equals(current.Value.Holder, claim.Holder, StringComparison.OrdinalIgnoreCase);
            if (claim.IsStart)
            {
                if (same) { expires = claim.Expires; continue; }
                if (current is not null) Close(claim.At);
                current = claim;
                expires = claim.Expires;
            }
            else if (same) Close(claim.At);
        }
        if (current is { } last)
        {
            if (expires is { } e) { if (e > last.At) result.Add(new Holding(last.Ip, last.At, e, last.Holder, last.Evidence, last.Payload)); }
            else result.Add(new Holding(last.Ip, last.At, null, last.Holder, last.Evidence, last.Payload));
        }
        return result;
    }
}
