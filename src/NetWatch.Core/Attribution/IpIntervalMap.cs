using NodaTime;

namespace NetWatch.Core.Attribution;

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

    private readonly Dictionary<UInt128, Timeline> _byIp;

    private sealed class Timeline(long[] starts, long[] ends, Holding[] holdings)
    {
        public readonly long[] Starts = starts;
        public readonly long[] Ends = ends;
        public readonly Holding[] Holdings = holdings;
    }

    private IpIntervalMap(Dictionary<UInt128, Timeline> byIp) => _byIp = byIp;

    public int AddressCount => _byIp.Count;

    public IEnumerable<Holding> Holdings => _byIp.Values.SelectMany(t => t.Holdings);

    public IReadOnlyList<Holding> HoldingsOf(UInt128 ip) => _byIp.TryGetValue(ip, out var t) ? t.Holdings : [];

    public bool TryFind(UInt128 ip, Instant at, out Holding holding)
    {
        holding = null!;
        if (!_byIp.TryGetValue(ip, out var timeline)) return false;
        var t = at.ToUnixTimeTicks();
        var i = Array.BinarySearch(timeline.Starts, t);
        if (i < 0) i = ~i - 1;
        if (i < 0 || t >= timeline.Ends[i]) return false;
        holding = timeline.Holdings[i];
        return true;
    }

    public static IpIntervalMap Build(IEnumerable<IpClaim> claims)
    {
        var byIp = new Dictionary<UInt128, Timeline>();
        foreach (var group in claims.GroupBy(c => c.Ip))
        {
            // OrderBy is stable: claims at the same instant keep their input order. Times are cut to
            // ticks (100 ns) so that every interval kept is at least one tick long and starts are strictly increasing.
            var holdings = Sweep(group.Select(ToTicks).OrderBy(c => c.At));
            if (holdings.Count == 0) continue;
            byIp[group.Key] = new Timeline(
                holdings.Select(h => h.Start.ToUnixTimeTicks()).ToArray(),
                holdings.Select(h => h.End?.ToUnixTimeTicks() ?? long.MaxValue).ToArray(),
                holdings.ToArray());
        }
        return new IpIntervalMap(byIp);
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
            if (end > c.At) result.Add(new Holding(c.Ip, c.At, end, c.Holder, c.Evidence));
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
            if (expires is { } e) { if (e > last.At) result.Add(new Holding(last.Ip, last.At, e, last.Holder, last.Evidence)); }
            else result.Add(new Holding(last.Ip, last.At, null, last.Holder, last.Evidence));
        }
        return result;
    }
}
