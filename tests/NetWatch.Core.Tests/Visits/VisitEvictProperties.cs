using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Tests.Policy;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// What <see cref="VisitAggregator.Evict"/> leaves out of memory: the open visits with the oldest end, in order of end, and
/// no more than it takes to bring <see cref="VisitAggregator.HeldBytes"/> down to the bytes kept, whether the ends are many
/// apart (spread over a day: many of its buckets of time) or few (ties, one bucket).
/// </summary>
public class VisitEvictProperties
{
    private static readonly Duration Gap = Duration.FromDays(1);

    /// <summary>Visits of distinct keys: each its first second (spread widely or narrowly) and its requests (1-5, a second apart).</summary>
    private static Arbitrary<(List<(int Second, int Requests)> Visits, int KeepPercent)> Input =>
        (from spread in Gen.Elements(3, 300, 50_000)
         from visits in Gen.ListOf(from second in Gen.Choose(0, spread) from requests in Gen.Choose(1, 5) select (second, requests))
         from keep in Gen.Choose(0, 100)
         select (visits.ToList(), keep)).ToArbitrary();

    private static long Weight(Visit v) => VisitAggregator.BytesPerOpenVisit + (v.EventCount > 1 ? v.EventCount : 0) * (long)VisitAggregator.BytesPerRequest;

    [Property(MaxTest = 300)]
    public Property Evict_leaves_the_oldest_open_visits_and_no_more_than_it_must() => Prop.ForAll(Input, x =>
    {
        var aggregator = new VisitAggregator(Gap);
        var events = x.Visits.SelectMany((v, i) => Enumerable.Range(0, v.Requests).Select(k =>
                PolicyEvents.Make(VisitLogs.T0.Plus(Duration.FromSeconds(v.Second + k)), "http://www.bbc.com/", [], "staff", user: $"u{i}")))
            .OrderBy(e => e.Timestamp).ToList();
        foreach (var e in events) aggregator.Add(e);
        var open = aggregator.TakeTouched().Select(v => v.ToVisit()).ToList();
        var held = aggregator.HeldBytes;
        var keep = held * x.KeepPercent / 100;
        var evicted = aggregator.Evict(keep).Select(e => e.Visit).ToList();
        var left = open.Where(v => aggregator.IsOpen(v.Person, v.Domain)).ToList();
        var inOrder = evicted.Zip(evicted.Skip(1)).All(p => p.First.End <= p.Second.End);
        var oldest = evicted.Count == 0 || left.All(v => v.End >= evicted[^1].End);
        var enough = aggregator.HeldBytes <= keep;
        var noMore = evicted.Count == 0 || aggregator.HeldBytes + Weight(evicted[^1]) > keep;
        var accounted = evicted.Count + left.Count == open.Count && held - aggregator.HeldBytes == evicted.Sum(Weight);
        return (inOrder && oldest && enough && noMore && accounted)
            .Label($"{open.Count} open, {evicted.Count} evicted; in order {inOrder}, oldest {oldest}, enough {enough}, no more {noMore}, accounted {accounted}");
    });
}
