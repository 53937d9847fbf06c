using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers;

namespace NetWatch.Pipeline.Tests.Observers;

/// <summary>
/// The visits observer's reload and fold run aside, overlapped with the store stage (<see cref="IOverlapsStore"/>), its
/// visits written at the join: at each commit the store holds what the sequential order (inline) stores, to the first
/// event and the personal spans, in the service's sessions (one per batch or kept open, with or without a budget of open
/// visits) and in an import's (visits written when they close).
/// </summary>
public sealed class VisitAsideProperties
{
    [Property(MaxTest = 500)]
    public Property At_each_commit_the_visits_folded_aside_are_those_folded_inline() =>
        Prop.ForAll(
            VisitBudgetProperties.Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            (from commits in Gen.ListOf(Gen.Elements(true, false, false)) from maxOpen in Gen.Elements(-1, 0, 1, 3)
                from held in Gen.Elements(true, false) select (commits, maxOpen, held)).ToArbitrary(),
            (requests, cuts, session) =>
            {
                var (commits, maxOpen, held) = session;
                var events = VisitBudgetProperties.Events(requests);
                var budget = maxOpen < 0 ? null : OpenVisitBudget.OfVisits(maxOpen);
                var inline = VisitHeldSessionProperties.Run(events, cuts, commits, held, budget, aside: false).GetAwaiter().GetResult();
                var aside = VisitHeldSessionProperties.Run(events, cuts, commits, held, budget, aside: true).GetAwaiter().GetResult();
                var wrong = aside.AtCommit.Where(c => !c.Value.SequenceEqual(inline.AtCommit[c.Key])).Select(c => c.Key).ToList();
                return (wrong.Count == 0).Label(wrong.Count == 0 ? "" :
                        $"at {wrong[0]} events, inline:\n{string.Join("\n", inline.AtCommit[wrong[0]])}\naside:\n{string.Join("\n", aside.AtCommit[wrong[0]])}")
                    .And((aside.Observer.Written == inline.Observer.Written).Label($"written {aside.Observer.Written} aside, {inline.Observer.Written} inline"))
                    .And((aside.Observer.Evicted == inline.Observer.Evicted && aside.Observer.Reloaded == inline.Observer.Reloaded)
                        .Label($"evicted/reloaded {aside.Observer.Evicted}/{aside.Observer.Reloaded} aside, {inline.Observer.Evicted}/{inline.Observer.Reloaded} inline"));
            });

    /// <summary>An import's observer (visits written when they close, at the end the rest): a session per batch, joined
    /// before each commit; the stored visits after each commit.</summary>
    private static async Task<List<List<string>>> Import(List<NetEvent> events, List<int> cuts, bool aside)
    {
        var store = new VisitStoreFake();
        var observer = new VisitObserver(store, VisitBudgetProperties.Gap, writeOpen: false, aside: aside);
        var atCommit = new List<List<string>>();
        var at = 0;
        foreach (var cut in cuts.Append(events.Count).Where(c => c > 0 && c <= events.Count).Distinct().Order())
        {
            var batch = events.GetRange(at, cut - at);
            at = cut;
            using var session = store.Begin();
            await observer.ObserveAsync(new ObservedBatch(new EventBatch("test", batch, [], batch.Count, cut), batch, []), session, CancellationToken.None);
            await observer.JoinAsync(CancellationToken.None);
            atCommit.Add(store.Visits.Select(VisitBudgetProperties.Render).Order(StringComparer.Ordinal).ToList());
        }
        using (var session = store.Begin()) await observer.FlushAsync(session, final: true, CancellationToken.None);
        atCommit.Add(store.Visits.Select(VisitBudgetProperties.Render).Order(StringComparer.Ordinal).ToList());
        return atCommit;
    }

    [Property(MaxTest = 300)]
    public Property An_import_stores_the_same_visits_at_each_commit_aside_as_inline() =>
        Prop.ForAll(
            VisitBudgetProperties.Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            (requests, cuts) =>
            {
                var events = VisitBudgetProperties.Events(requests);
                var inline = Import(events, cuts, aside: false).GetAwaiter().GetResult();
                var aside = Import(events, cuts, aside: true).GetAwaiter().GetResult();
                return inline.Zip(aside).All(x => x.First.SequenceEqual(x.Second)).Label("the stored visits differ at a commit");
            });

    [Fact]
    public async Task Nothing_of_a_batch_is_written_before_the_join_and_all_of_it_after()
    {
        // One person on one site, one batch: the visit is written (appended) at the join, not when the batch is handed over.
        var events = VisitBudgetProperties.Events([(0, 0, 0, 1, 0, false), (0, 0, 0, 1, 0, false)]);
        var store = new VisitStoreFake();
        var observer = new VisitObserver(store, VisitBudgetProperties.Gap, writeOpen: true);
        using var session = store.Begin();
        await observer.ObserveAsync(new ObservedBatch(new EventBatch("test", events, [], 2, 2), events, []), session, CancellationToken.None);
        Assert.Empty(store.Visits);
        await observer.JoinAsync(CancellationToken.None);
        Assert.Equal(2, Assert.Single(store.Visits).EventCount);
    }
}
