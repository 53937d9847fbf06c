using NodaTime;

namespace NetWatch.Core.Identity.Findings;

/// <summary>
/// The local day of instants (days since 1970-01-01 in a zone). It remembers the span of time in which the last
/// answer holds (same local day, same UTC offset), so instants in time order rarely ask the zone.
/// </summary>
internal struct LocalDays
{
    private DateTimeZone? _zone;
    private long _from, _to, _day;

    public long Of(DateTimeZone zone, Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        if (ReferenceEquals(zone, _zone) && _from <= ticks && ticks < _to) return _day;
        var interval = zone.GetZoneInterval(at);
        var offset = interval.WallOffset.Ticks;
        var day = Math.DivRem(ticks + offset, NodaConstants.TicksPerDay, out var rest) - (rest < 0 ? 1 : 0);
        var dayStarts = day * NodaConstants.TicksPerDay - offset;
        _from = Math.Max(dayStarts, interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue);
        _to = Math.Min(dayStarts + NodaConstants.TicksPerDay, interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue);
        (_zone, _day) = (zone, day);
        return day;
    }
}
