using NodaTime;

namespace NetWatch.Core.Policy.Engine;

/// <summary>
/// The UTC offsets of a time zone (from NodaTime's tz database) as a sorted table of transitions, so that
/// converting an instant to local time is a binary search over a few hundred longs and never allocates.
/// Covers 1800-2200; outside that the nearest interval's offset is used.
/// </summary>
public sealed class ZoneOffsetTable
{
    readonly long[] _starts;   // unix seconds at which each interval starts (first is long.MinValue)
    readonly int[] _offsets;   // offset in seconds during that interval

    public ZoneOffsetTable(DateTimeZone zone)
    {
        var from = Instant.FromUtc(1800, 1, 1, 0, 0);
        var to = Instant.FromUtc(2200, 1, 1, 0, 0);
        var starts = new List<long>();
        var offsets = new List<int>();
        foreach (var interval in zone.GetZoneIntervals(from, to))
        {
            starts.Add(starts.Count == 0 || !interval.HasStart ? long.MinValue : interval.Start.ToUnixTimeSeconds());
            offsets.Add(interval.WallOffset.Seconds);
        }
        _starts = starts.ToArray();
        _offsets = offsets.ToArray();
    }

    public int Count => _starts.Length;

    // Index of the interval found last time: events arrive in time order, so it is almost always right again.
    // An int is read and written atomically, and it is only a hint (checked before use), so sharing it between
    // threads is safe.
    int _hint;

    public int OffsetSeconds(long unixSeconds)
    {
        var starts = _starts;
        var h = _hint;
        if (starts[h] <= unixSeconds && (h + 1 == starts.Length || unixSeconds < starts[h + 1])) return _offsets[h];
        int lo = 0, hi = starts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= unixSeconds) lo = mid; else hi = mid - 1;
        }
        _hint = lo;
        return _offsets[lo];
    }
}
