using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Tests.Policy;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// The visits observer feeds the aggregator batch by batch and closes idle visits at the end of each batch: where the
/// batches are cut (their size follows the store's pace and the memory budget) must not change the visits.
/// </summary>
public class VisitBatchCutTests
{

    static NetEvent At(int seconds, string user, string site) => VisitLogs.At(seconds, user, site);

    /// <summary>What the observer does: add a batch's events, then close the visits idle at the newest event's time.</summary>
    static List<string> VisitsInBatches(IReadOnlyList<NetEvent> events, IEnumerable<int> cuts)
    {
        var aggregator = new VisitAggregator(VisitLogs.Gap);
        var visits = new List<Visit>();
        var at = 0;
        foreach (var cut in VisitLogs.CutPoints(cuts, events.Count))
        {
            for (; at < cut; at++)
                if (aggregator.Add(events[at]) is { } closed) visits.Add(closed);
            visits.AddRange(aggregator.CloseIdle(aggregator.Watermark!.Value));
        }
        visits.AddRange(aggregator.Flush());
        return visits.Select(v => $"{v.Person} {v.Domain} {v.Start} {v.End} {v.EventCount}").Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void A_late_request_within_the_gap_of_a_visit_already_idle_at_the_watermark_starts_a_visit_however_the_batches_are_cut()
    {
        // facebook at 0 s; bbc at 100 s (the facebook visit is now idle for 100 s > the 60 s gap); then a late facebook
        // request stamped 50 s, within the gap of the first one's end.
        NetEvent[] events = [At(0, "j.smith", "facebook"), At(100, "j.smith", "bbc"), At(50, "j.smith", "facebook")];
        var whole = VisitsInBatches(events, []);
        Assert.Equal(3, whole.Count);
        Assert.Equal(whole, VisitsInBatches(events, [2]));
        Assert.Equal(whole, VisitsInBatches(events, [1, 2]));
    }

    [Property(MaxTest = 300)]
    public Property The_visits_do_not_depend_on_where_the_batches_are_cut() =>
        Prop.ForAll(
            VisitLogs.Requests,
            Gen.ListOf(Gen.Choose(1, 60)).ToArbitrary(),
            (requests, cuts) =>
            {
                var events = VisitLogs.InLogOrder(requests, At);
                var whole = VisitsInBatches(events, []);
                var cut = VisitsInBatches(events, cuts);
                return whole.SequenceEqual(cut).Label($"whole: {string.Join("; ", whole)}\ncut at {string.Join(",", cuts)}: {string.Join("; ", cut)}");
            });
}
