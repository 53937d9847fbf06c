using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers;

namespace NetWatch.Pipeline.Tests.Observers;

/// <summary>
/// The live service behind (<see cref="IDefersToCommit"/>): the store stage keeps one session open over several batches,
/// hands each to <see cref="VisitObserver.ObserveHeldAsync"/> and calls <see cref="VisitObserver.BeforeCommitAsync"/>
/// before it commits. At each commit the store must hold what a session per batch would have stored by then (first
/// events and personal spans too), with or without a budget of open visits; without one (nothing evicted mid-session),
/// each visit is written at most once a session.
/// </summary>
public sealed class VisitHeldSessionProperties
{
    /// <summary>The batches through the observer, committing after the batches where <paramref name="commits"/> says (and
    /// after the last), held in a session kept open when <paramref name="held"/>; the store's visits at each commit (by the
    /// events taken so far), and the most writes of one visit in one session.</summary>
    internal static async Task<(Dictionary<int, List<string>> AtCommit, int MostWritesOfOne, VisitObserver Observer)> Run(
        List<NetEvent> events, List<int> cuts, List<bool> commits, bool held, OpenVisitBudget? budget, bool aside = true)
    {
        var store = new VisitStoreFake();
        var observer = new VisitObserver(store, VisitBudgetProperties.Gap, writeOpen: true, budget, aside: aside);
        var atCommit = new Dictionary<int, List<string>>();
        var mostWrites = 0;
        var at = 0;
        var points = cuts.Append(events.Count).Where(c => c > 0 && c <= events.Count).Distinct().Order().ToList();
        var session = store.Begin();
        var sessionStart = 0;
        for (var b = 0; b < points.Count; b++)
        {
            var batch = events.GetRange(at, points[b] - at);
            at = points[b];
            var observed = new ObservedBatch(new EventBatch("test", batch, [], batch.Count, at), batch, []);
            if (held) await observer.ObserveHeldAsync(observed, session, CancellationToken.None);
            else await observer.ObserveAsync(observed, session, CancellationToken.None);
            if (held && b < points.Count - 1 && !(b < commits.Count && commits[b])) continue;
            if (held) await observer.BeforeCommitAsync(session, CancellationToken.None);
            // As the store stage before every commit (IOverlapsStore).
            await observer.JoinAsync(CancellationToken.None);
            session.Dispose();
            atCommit[at] = store.Visits.Select(VisitBudgetProperties.Render).Order(StringComparer.Ordinal).ToList();
            var writes = store.WrittenIds.Skip(sessionStart).CountBy(id => id).Select(x => x.Value).DefaultIfEmpty(0).Max();
            mostWrites = Math.Max(mostWrites, writes);
            sessionStart = store.WrittenIds.Count;
            session = store.Begin();
        }
        await observer.FlushAsync(session, final: true, CancellationToken.None);
        session.Dispose();
        atCommit[-1] = store.Visits.Select(VisitBudgetProperties.Render).Order(StringComparer.Ordinal).ToList();
        return (atCommit, mostWrites, observer);
    }

    [Property(MaxTest = 1000)]
    public Property At_each_commit_a_held_session_stores_what_a_session_per_batch_stores() =>
        Prop.ForAll(
            VisitBudgetProperties.Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            (from commits in Gen.ListOf(Gen.Elements(true, false, false)) from maxOpen in Gen.Elements(-1, 0, 1, 3) select (commits, maxOpen)).ToArbitrary(),
            (requests, cuts, session) =>
            {
                var (commits, maxOpen) = session;
                var events = VisitBudgetProperties.Events(requests);
                var budget = maxOpen < 0 ? null : OpenVisitBudget.OfVisits(maxOpen);
                var each = Run(events, cuts, commits, held: false, budget).GetAwaiter().GetResult();
                var held = Run(events, cuts, commits, held: true, budget).GetAwaiter().GetResult();
                var wrong = held.AtCommit.Where(c => !c.Value.SequenceEqual(each.AtCommit[c.Key])).Select(c => c.Key).ToList();
                var once = budget is not null || held.MostWritesOfOne <= 1;
                return (wrong.Count == 0).Label(wrong.Count == 0 ? "" :
                        $"at {wrong[0]} events, a session per batch:\n{string.Join("\n", each.AtCommit[wrong[0]])}\nheld:\n{string.Join("\n", held.AtCommit[wrong[0]])}")
                    .And(once.Label($"a visit written {held.MostWritesOfOne} times in one held session"));
            });

    [Fact]
    public async Task A_held_session_writes_each_visit_once_where_a_session_per_batch_writes_it_with_each_batch()
    {
        // One person on one site every 7 s, in 10 batches of 3: one visit, touched by every batch.
        var events = VisitBudgetProperties.Events(Enumerable.Range(0, 30).Select(i => (0, 0, 0, 1, 0, false)).ToList());
        var cuts = Enumerable.Range(1, 9).Select(i => i * 3).ToList();
        var each = await Run(events, cuts, [], held: false, null);
        var held = await Run(events, cuts, [], held: true, null);
        Assert.Equal(each.AtCommit[-1], held.AtCommit[-1]);
        Assert.Equal(10, each.Observer.Written);
        Assert.Equal(1, held.Observer.Written);
        Assert.Equal(1, held.MostWritesOfOne);
    }
}
