using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// The estimate of what the open visits take (<see cref="VisitAggregator.HeldBytes"/>), which the live service's memory
/// budget bounds: it follows the visits as they open, grow, close and are evicted, so that once none is open it is nothing.
/// </summary>
public class VisitHeldBytesTests
{
    [Property(MaxTest = 300)]
    public Property What_the_open_visits_hold_is_nothing_once_every_visit_has_closed_or_been_evicted() =>
        Prop.ForAll(
            VisitLogs.Requests,
            Gen.ListOf(Gen.Choose(1, 60)).ToArbitrary(),
            (requests, cuts) =>
            {
                var events = VisitLogs.InLogOrder(requests, VisitLogs.At);
                var aggregator = new VisitAggregator(VisitLogs.Gap);
                var at = 0;
                var atLeast = true;
                foreach (var cut in VisitLogs.CutPoints(cuts, events.Count))
                {
                    for (; at < cut; at++) aggregator.Add(events[at]);
                    aggregator.CloseIdle(aggregator.Watermark!.Value);
                    aggregator.TakeTouched();
                    atLeast &= aggregator.HeldBytes >= (long)aggregator.OpenCount * VisitAggregator.BytesPerOpenVisit;
                    // Every other batch, evict down to one visit's worth.
                    if (cut % 2 == 0) aggregator.Evict(VisitAggregator.BytesPerOpenVisit);
                    atLeast &= aggregator.OpenCount <= 1 || cut % 2 == 1;
                }
                if (aggregator.Watermark is { } w) aggregator.CloseIdle(w + Duration.FromDays(1));
                return (aggregator.HeldBytes == 0 && aggregator.OpenCount == 0 && atLeast).Label($"held {aggregator.HeldBytes} bytes, {aggregator.OpenCount} open");
            });
}
