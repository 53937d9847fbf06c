using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Tests.Policy;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// The live service's use of the aggregator: after each batch it stores the visits closed (Add, CloseIdle) and the open
/// ones that changed (TakeTouched), each replacing the stored version with its first event id, but those never stored
/// (handed apart as first versions, appended) and those stored as they stand (not handed out again). What is stored must then
/// be every visit as it stands, whichever batches the events came in; and CloseIdle must leave no idle visit open (it
/// skips its pass while none can be idle, and TakeTouched lists the changed visits as they change instead of looking at
/// every open one).
/// </summary>
public class VisitTouchedTests
{

    static int _ids;

    /// <summary>Each event with an id of its own (the store keys a visit by its first event's id).</summary>
    static NetEvent At(int seconds, string user, string site) =>
        VisitLogs.At(seconds, user, site) with { Id = EventId.FromGuid(new Guid(Interlocked.Increment(ref _ids), 0, 0, new byte[8])) };

    static string Key(Visit v) => $"{v.Person} {v.Domain} {v.Start} {v.End} {v.EventCount}";

    [Property(MaxTest = 300)]
    public Property What_the_live_observer_stores_after_each_batch_is_every_visit_as_it_stands() =>
        Prop.ForAll(
            VisitLogs.Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            (requests, cuts) =>
            {
                var events = VisitLogs.InLogOrder(requests, At);
                var live = new VisitAggregator(VisitLogs.Gap);
                var stored = new Dictionary<EventId, Visit>();
                var at = 0;
                foreach (var cut in VisitLogs.CutPoints(cuts, events.Count))
                {
                    var written = new List<Visit>();
                    var firstVersions = new List<IVisitView>();
                    for (; at < cut; at++)
                        if (live.Add(events[at], firstVersions) is { } closed) written.Add(closed);
                    var watermark = live.Watermark!.Value;
                    written.AddRange(live.CloseIdle(watermark, firstVersions));
                    // Views of the visits as they stand: stored as records (as a store copies them) before the next events.
                    written.AddRange(live.TakeTouched(firstVersions).Select(v => v.ToVisit()));
                    foreach (var v in written) stored[v.FirstEventId] = v;
                    // A first version is appended, not replacing: nothing may be stored under its first event yet.
                    foreach (var v in firstVersions.Select(v => v.ToVisit()))
                        if (!stored.TryAdd(v.FirstEventId, v))
                            return false.Label($"after {cut} events: {Key(v)} taken as a first version, but a version of it is stored");

                    // The same events into an aggregator that is never asked for its changes: its closed visits and its
                    // open ones as they stand are what the store should hold now.
                    var reference = new VisitAggregator(VisitLogs.Gap);
                    var expected = new List<Visit>();
                    foreach (var e in events.Take(cut))
                        if (reference.Add(e) is { } closed) expected.Add(closed);
                    expected.AddRange(reference.Flush());
                    var want = expected.Select(Key).Order(StringComparer.Ordinal).ToList();
                    var have = stored.Values.Select(Key).Order(StringComparer.Ordinal).ToList();
                    if (!want.SequenceEqual(have))
                        return false.Label($"after {cut} events: want {string.Join("; ", want)}\nstored {string.Join("; ", have)}");
                    // Nothing idle at the watermark is left open after CloseIdle.
                    if (live.OpenCount != OpenNotIdle(events.Take(cut), watermark))
                        return false.Label($"after {cut} events: {live.OpenCount} open, idle ones left open");
                }
                return true.ToProperty();
            });

    [Fact]
    public void A_visit_changed_then_closed_before_the_next_take_is_not_taken_as_open()
    {
        var live = new VisitAggregator(VisitLogs.Gap);
        live.Add(At(0, "j.smith", "bbc"));
        Assert.Single(live.TakeTouched());
        live.Add(At(10, "j.smith", "bbc"));                 // touched again
        live.Add(At(200, "j.smith", "facebook"));           // the bbc visit is now idle
        var closed = Assert.Single(live.CloseIdle(live.Watermark!.Value));
        Assert.Equal(("bbc.com", 2), (closed.Domain, closed.EventCount));
        var touched = Assert.Single(live.TakeTouched());    // only the facebook visit
        Assert.Equal("facebook.com", touched.Domain);
        Assert.Empty(live.TakeTouched());
    }

    [Fact]
    public void A_visit_closed_unchanged_since_it_was_stored_is_not_written_again()
    {
        var live = new VisitAggregator(VisitLogs.Gap);
        live.Add(At(0, "j.smith", "bbc"));
        live.Add(At(5, "j.smith", "tiktok"));
        var firstVersions = new List<IVisitView>();
        Assert.Empty(live.TakeTouched(firstVersions));
        Assert.Equal(2, firstVersions.Count);               // never stored: appended
        live.Add(At(10, "j.smith", "tiktok"));               // changed since it was stored
        live.Add(At(200, "j.smith", "facebook"));            // both idle now
        var closed = Assert.Single(live.CloseIdle(live.Watermark!.Value));
        Assert.Equal(("tiktok.com", 2), (closed.Domain, closed.EventCount));
        // The bbc visit is stored as it stands: a request after the gap starts a new visit and closes it, unwritten.
        firstVersions.Clear();
        Assert.Empty(live.TakeTouched(firstVersions));
        Assert.Equal("facebook.com", Assert.Single(firstVersions).Domain);
        Assert.Null(live.Add(At(400, "j.smith", "facebook")));
        // A reopened visit (stored by an earlier run) is not written again at the end unless it changed.
        var reopened = new VisitAggregator(VisitLogs.Gap);
        reopened.Reopen(closed);
        reopened.Reopen(closed with { Domain = "bbc.com", FirstEventId = EventId.FromGuid(Guid.NewGuid()) });
        reopened.Add(At(20, "j.smith", "bbc"));
        var flushed = Assert.Single(reopened.Flush());
        Assert.Equal(("bbc.com", 3), (flushed.Domain, flushed.EventCount));
    }

    /// <summary>How many visits of <paramref name="events"/> are open and not idle at <paramref name="watermark"/>: those an
    /// aggregator fed the same events, never asked to close any, still holds within the gap.</summary>
    static int OpenNotIdle(IEnumerable<NetEvent> events, Instant watermark)
    {
        var copy = new VisitAggregator(VisitLogs.Gap);
        foreach (var e in events) copy.Add(e);
        return copy.Flush().Count(v => watermark - v.End <= VisitLogs.Gap);
    }
}
