using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;

namespace NetWatch.Core.Tests.Visits;

/// <summary>
/// The live service behind: a session kept open over several batches takes the touched visits only at its commit, and
/// names them after each batch (<see cref="VisitAggregator.KeepNames"/>) instead. At each take, what is stored must be
/// what taking after every batch stores (first events and roles too), each visit written once per take, and a first
/// version never appended over a stored one.
/// </summary>
public class VisitKeepNamesTests
{
    static int _ids;

    /// <summary>Each event with an id of its own (the store keys a visit by its first event's id).</summary>
    static NetEvent At(int seconds, string user, string site) =>
        VisitLogs.At(seconds, user, site) with { Id = EventId.FromGuid(new Guid(Interlocked.Increment(ref _ids), 0, 0, new byte[8])) };

    static string Render(Visit v) =>
        $"{v.FirstEventId} {v.Person} {v.Role} {v.Domain} {v.Start} {v.End} {v.EventCount} [{string.Join(",", v.Categories)}] {v.Verdict} "
        + string.Join(";", v.PersonalTime.Select(s => $"{s.Start}-{s.End}"));

    /// <summary>Stores what a write hands out: the closed and taken visits replacing, the first versions appended (false
    /// when one is stored already, or when a visit is handed out twice).</summary>
    static string? Store(Dictionary<EventId, Visit> stored, List<IVisitView> replacing, List<IVisitView> firstVersions)
    {
        // As a store: each visit as it stands when written (a view of an open visit changes with the next events).
        var (replaced, first) = (replacing.Select(v => v.ToVisit()).ToList(), firstVersions.Select(v => v.ToVisit()).ToList());
        var ids = new HashSet<EventId>();
        foreach (var v in replaced.Concat(first))
            if (!ids.Add(v.FirstEventId)) return $"{Render(v)} written twice in one write";
        foreach (var v in replaced) stored[v.FirstEventId] = v;
        foreach (var v in first)
            if (!stored.TryAdd(v.FirstEventId, v)) return $"{Render(v)} appended while a version of it is stored";
        return null;
    }

    [Property(MaxTest = 500)]
    public Property Taking_the_touched_visits_every_few_batches_stores_what_taking_them_after_each_batch_stores() =>
        Prop.ForAll(
            VisitLogs.Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            Gen.ListOf(Gen.Elements(true, false, false)).ToArbitrary(),
            (requests, cuts, takes) =>
            {
                var events = VisitLogs.InLogOrder(requests, At);
                var each = new VisitAggregator(VisitLogs.Gap);
                var held = new VisitAggregator(VisitLogs.Gap);
                var eachStored = new Dictionary<EventId, Visit>();
                var heldStored = new Dictionary<EventId, Visit>();
                var (heldReplacing, heldFirst) = (new List<IVisitView>(), new List<IVisitView>());
                var points = VisitLogs.CutPoints(cuts, events.Count).ToList();
                var at = 0;
                for (var b = 0; b < points.Count; b++)
                {
                    var (replacing, firstVersions) = (new List<IVisitView>(), new List<IVisitView>());
                    for (var i = at; i < points[b]; i++)
                    {
                        if (each.Add(events[i], firstVersions) is { } closed) replacing.Add(closed);
                        if (held.Add(events[i], heldFirst) is { } heldClosed) heldReplacing.Add(heldClosed);
                    }
                    at = points[b];
                    replacing.AddRange(each.CloseIdle(each.Watermark!.Value, firstVersions));
                    replacing.AddRange(each.TakeTouched(firstVersions));
                    if (Store(eachStored, replacing, firstVersions) is { } wrong) return false.Label($"each batch, at {at}: {wrong}");
                    heldReplacing.AddRange(held.CloseIdle(held.Watermark!.Value, heldFirst));
                    held.KeepNames();
                    // The last batch always commits its session.
                    if (b < points.Count - 1 && !(b < takes.Count && takes[b])) continue;
                    heldReplacing.AddRange(held.TakeTouched(heldFirst));
                    if (Store(heldStored, heldReplacing, heldFirst) is { } wrongHeld) return false.Label($"held, at {at}: {wrongHeld}");
                    (heldReplacing, heldFirst) = (new List<IVisitView>(), new List<IVisitView>());
                    var want = eachStored.Values.Select(Render).Order(StringComparer.Ordinal).ToList();
                    var have = heldStored.Values.Select(Render).Order(StringComparer.Ordinal).ToList();
                    if (!want.SequenceEqual(have))
                        return false.Label($"at {at}: taken after each batch\n{string.Join("\n", want)}\ntaken every few\n{string.Join("\n", have)}");
                }
                return true.ToProperty();
            });

    [Fact]
    public void A_visit_named_after_its_batch_keeps_its_first_event_when_an_earlier_request_joins()
    {
        var first = At(100, "j.smith", "bbc");
        var earlier = At(60, "j.smith", "bbc");
        var named = new VisitAggregator(VisitLogs.Gap);
        named.Add(first);
        named.KeepNames();
        named.Add(earlier);
        var visit = Assert.Single(named.Flush());
        Assert.Equal((first.Id, 2), (visit.FirstEventId, visit.EventCount));
        Assert.Equal(earlier.Timestamp, visit.Start);

        // Not named (an import, or within one batch): the earliest request names it.
        var unnamed = new VisitAggregator(VisitLogs.Gap);
        unnamed.Add(first);
        unnamed.Add(earlier);
        Assert.Equal(earlier.Id, Assert.Single(unnamed.Flush()).FirstEventId);
    }

    [Fact]
    public void Named_before_any_take_the_touched_visits_are_still_taken()
    {
        var live = new VisitAggregator(VisitLogs.Gap);
        live.Add(At(0, "j.smith", "bbc"));
        live.KeepNames();                                      // starts listing the touched visits
        live.Add(At(5, "j.smith", "tiktok"));
        var firstVersions = new List<IVisitView>();
        Assert.Empty(live.TakeTouched(firstVersions));
        Assert.Equal(["bbc.com", "tiktok.com"], firstVersions.Select(v => v.Domain).Order());
    }
}
