using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>
/// Recomputes the stored visits of the whole local days that newly imported events fall on, from all the
/// stored events of those days (so a day imported from several files gets one consistent set of visits).
/// </summary>
public static class VisitRefresh
{
    /// <summary>Returns how many visits the refreshed days now hold.</summary>
    public static int ForSources(EventStore store, IReadOnlyList<string> sources, DateTimeZone zone, Duration idleGap)
    {
        if (store.Visits.SpanOfSources(sources) is not { } span) return 0;
        var from = zone.AtStartOfDay(span.From.InZone(zone).Date).ToInstant();
        var to = zone.AtStartOfDay(span.To.InZone(zone).Date.PlusDays(1)).ToInstant();
        var visits = VisitAggregator.Group(store.Queries.Events(new EventFilter(from, to)), idleGap)
            .Where(v => v.Start >= from && v.Start < to)
            .ToList();
        store.Visits.Replace(from, to, visits);
        return visits.Count;
    }
}
