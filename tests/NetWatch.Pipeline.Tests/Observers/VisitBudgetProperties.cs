using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Observers;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Observers;

/// <summary>
/// The live service's open visits under a memory budget (<see cref="VisitObserver"/> with an <see cref="OpenVisitBudget"/>):
/// with a budget so small that nearly every open visit is left to the store after each batch, and a filter so small that
/// it says "maybe" to most keys, the stored visits are those stored without a budget, to the first event and the personal
/// spans; and no more visits stay open than the budget allows.
/// </summary>
public sealed class VisitBudgetProperties
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 24, 9, 0);
    internal static readonly Duration Gap = Duration.FromMinutes(1);

    private static readonly string?[] VerdictChoices = [Verdicts.Work, Verdicts.PersonalBreak, Verdicts.PersonalWorkingHours, null];

    /// <summary>Three people's requests to three sites over a quarter of an hour, roughly in time order as in a log (up to 90 s
    /// out of place), lasting 0-2 s (a zero-length last request is the case a stored visit cannot say), with mixed verdicts.</summary>
    internal static Arbitrary<List<(int Seconds, int User, int Site, int Elapsed, int Verdict, bool Category)>> Requests =>
        Gen.ListOf(
            from seconds in Gen.Choose(0, 900)
            from user in Gen.Choose(0, 2)
            from site in Gen.Choose(0, 2)
            from elapsed in Gen.Choose(0, 2)
            from verdict in Gen.Choose(0, 3)
            from category in Gen.Elements(false, false, true)
            select (seconds, user, site, elapsed, verdict, category)).ToArbitrary();

    internal static List<NetEvent> Events(List<(int Seconds, int User, int Site, int Elapsed, int Verdict, bool Category)> requests) =>
        requests.Select((r, i) =>
        {
            var at = T0 + Duration.FromSeconds(Math.Max(0, r.Seconds % 90 + i * 7));
            var user = new[] { "j.smith", "a.patel", "k.jones" }[r.User];
            var site = new[] { "facebook", "bbc", "tiktok" }[r.Site];
            var url = $"http://www.{site}.com/{i}";
            return new NetEvent
            {
                Id = EventIdentity.Compute("test", i + 1, url),
                Origin = new EventOrigin("test", i + 1),
                Timestamp = at,
                Start = at - Duration.FromSeconds(r.Elapsed),
                End = at,
                Action = EventActions.Allowed,
                Dataset = "squid.access",
                ObserverProduct = "squid",
                UserName = user,
                Url = new UrlParts { Original = url, Scheme = "http", Domain = $"www.{site}.com", RegisteredDomain = $"{site}.com", Path = $"/{i}" },
                Classification = new Classification { Categories = r.Category ? [site == "bbc" ? "news" : "social"] : [] },
                Policy = VerdictChoices[r.Verdict] is { } verdict ? new PolicyDecision { Verdict = verdict, PolicyName = "p" + r.Verdict } : null,
                Attribution = new Attribution { Roles = [r.User == 0 ? "staff" : "student"], Source = "proxy-auth", Confidence = 1 },
            };
        }).ToList();

    /// <summary>What the store stage does: each batch through the observer in a session, then the final flush; the stored visits.</summary>
    private static async Task<(List<string> Stored, VisitObserver Observer, VisitStoreFake Store, int MostOpen, long MostHeld)> Run(
        List<NetEvent> events, IEnumerable<int> cuts, OpenVisitBudget? budget)
    {
        var store = new VisitStoreFake();
        var observer = new VisitObserver(store, Gap, writeOpen: true, budget);
        var at = 0;
        var mostOpen = 0;
        var mostHeld = 0L;
        foreach (var cut in cuts.Append(events.Count).Where(c => c > 0 && c <= events.Count).Distinct().Order())
        {
            var batch = events.GetRange(at, cut - at);
            at = cut;
            using var session = store.Begin();
            await observer.ObserveAsync(new ObservedBatch(new EventBatch("test", batch, [], batch.Count, cut), batch, []), session, CancellationToken.None);
            // As the store stage before it commits: the fold run aside is joined and its visits written (IOverlapsStore).
            await observer.JoinAsync(CancellationToken.None);
            mostOpen = Math.Max(mostOpen, observer.OpenCount);
            mostHeld = Math.Max(mostHeld, observer.HeldBytes);
        }
        using (var session = store.Begin()) await observer.FlushAsync(session, final: true, CancellationToken.None);
        return (store.Visits.Select(Render).Order(StringComparer.Ordinal).ToList(), observer, store, mostOpen, mostHeld);
    }

    internal static string Render(Visit v) =>
        $"{v.Person} {v.Role} {v.Domain} {v.Start} {v.End} {v.EventCount} [{string.Join(",", v.Categories)}] {v.Verdict} {v.PolicyName} {v.FirstEventId} "
        + string.Join(";", v.PersonalTime.Select(s => $"{s.Start}-{s.End}{(s.InWorkingHours ? "w" : "b")}"));

    /// <summary>Without what the live service keeps first (its first event and role, Written): as the aggregator groups them.</summary>
    private static string Plain(Visit v) =>
        $"{v.Person} {v.Domain} {v.Start} {v.End} {v.EventCount} [{string.Join(",", v.Categories)}] {v.Verdict} {v.PolicyName} "
        + string.Join(";", v.PersonalTime.Select(s => $"{s.Start}-{s.End}{(s.InWorkingHours ? "w" : "b")}"));

    [Property(MaxTest = 2000)]
    public Property Under_a_tiny_budget_the_stored_visits_are_those_stored_without_one() =>
        Prop.ForAll(
            Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(),
            (requests, cuts, maxOpen) =>
            {
                var events = Events(requests);
                var without = Run(events, cuts, null).GetAwaiter().GetResult();
                var with = Run(events, cuts, OpenVisitBudget.OfVisits(maxOpen)).GetAwaiter().GetResult();
                // The aggregator groups events in @timestamp order: so fed, the budgeted observer stores the same visits.
                var sorted = events.OrderBy(e => e.Timestamp).ToList();
                var grouped = VisitAggregator.Group(sorted, Gap).Select(Plain).Order(StringComparer.Ordinal).ToList();
                var plain = Run(sorted, cuts, OpenVisitBudget.OfVisits(maxOpen)).GetAwaiter().GetResult()
                    .Store.Visits.Select(Plain).Order(StringComparer.Ordinal).ToList();
                return (without.Stored.SequenceEqual(with.Stored)
                        .Label($"without a budget:\n{string.Join("\n", without.Stored)}\nwith {maxOpen} open ({with.Observer.Evicted} evicted, {with.Observer.Reloaded} reloaded):\n{string.Join("\n", with.Stored)}"))
                    .And(grouped.SequenceEqual(plain).Label($"grouped:\n{string.Join("\n", grouped)}\nwith a budget:\n{string.Join("\n", plain)}"))
                    // Evicted visits come back from their spill files, never from a look-up in the store.
                    .And((with.Store.KeysLookedUp == 0).Label($"{with.Store.KeysLookedUp} keys looked up in the store"));
            });

    [Property(MaxTest = 200)]
    public Property The_open_visits_stay_within_the_budget_after_each_batch() =>
        Prop.ForAll(
            Requests,
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(),
            (requests, cuts, maxOpen) =>
            {
                var budget = OpenVisitBudget.OfVisits(maxOpen);
                var with = Run(Events(requests), cuts, budget).GetAwaiter().GetResult();
                return (with.MostHeld <= budget.MaxBytes).Label($"most held {with.MostHeld} bytes > {budget.MaxBytes}")
                    .And((with.MostOpen <= maxOpen).Label($"most open {with.MostOpen} > {maxOpen}"));
            });

    [Fact]
    public async Task A_request_that_continues_an_evicted_visit_extends_it_in_the_store()
    {
        // One visit to facebook, then a batch that evicts it (budget 0), then a request 30 s later: one visit of two requests.
        var events = Events([(0, 0, 0, 1, 0, false), (0, 0, 0, 1, 1, false)]);
        var with = await Run(events, [1], OpenVisitBudget.OfVisits(0));
        Assert.Equal(2, with.Observer.Evicted);   // after each batch
        Assert.Equal(1, with.Observer.Reloaded);
        var visit = Assert.Single(with.Store.Visits);
        Assert.Equal(2, visit.EventCount);
        Assert.Equal(events[0].Id, visit.FirstEventId);
    }

    [Fact]
    public async Task The_evicted_visits_spill_files_are_gone_after_the_final_flush_or_when_a_failed_run_disposes_the_observer()
    {
        var events = Events([(0, 0, 0, 1, 0, false), (0, 1, 1, 1, 1, false), (0, 0, 0, 1, 1, false)]);
        foreach (var flush in new[] { true, false })
        {
            var directory = Path.Combine(Path.GetTempPath(), $"netwatch-visit-budget-tests-{Guid.NewGuid():N}");
            var store = new VisitStoreFake();
            using var observer = new VisitObserver(store, Gap, writeOpen: true, OpenVisitBudget.OfVisits(0), directory);
            using (var session = store.Begin())
            {
                await observer.ObserveAsync(new ObservedBatch(new EventBatch("test", events[..2], [], 2, 2), events[..2], []), session, CancellationToken.None);
                await observer.JoinAsync(CancellationToken.None);
            }
            Assert.Equal(2, observer.Evicted);
            Assert.NotEmpty(Directory.GetFiles(directory));
            using (var session = store.Begin())
                if (flush) await observer.FlushAsync(session, final: true, CancellationToken.None);
                else observer.Dispose();
            Assert.False(Directory.Exists(directory));
        }
    }

    [Fact]
    public void A_budget_needs_the_open_visits_written_with_every_batch() =>
        Assert.Throws<ArgumentException>(() => new VisitObserver(new VisitStoreFake(), Gap, writeOpen: false, OpenVisitBudget.OfVisits(10)));
}
