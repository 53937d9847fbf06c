using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Core.Tests.Policy;
using NetWatch.Core.Visits;
using NodaTime;

namespace NetWatch.Core.Tests.Visits;

public class VisitAggregatorTests
{
    static readonly Instant T0 = PolicyEvents.Local(2026, 11, 24, 12, 25);

    static NetEvent At(int seconds, string url, string user = "j.smith", string[]? cats = null, string? verdict = null)
    {
        var e = PolicyEvents.Make(T0.Plus(Duration.FromSeconds(seconds)), url, cats ?? [], "staff", user: user);
        return verdict is null ? e : e with { Policy = new PolicyDecision { Verdict = verdict, PolicyName = "p" } };
    }

    [Fact]
    public void Dns_look_ups_and_firewall_sessions_make_no_visits()
    {
        var visits = VisitAggregator.Group(
        [
            At(0, "http://www.tiktok.com/") with { Action = EventActions.DnsQuery },
            At(1, "http://www.tiktok.com/foryou"),
            At(2, "http://www.tiktok.com/") with { Url = UrlParts.Empty with { Domain = "www.tiktok.com" } },
        ]);
        var visit = Assert.Single(visits);
        Assert.Equal(1, visit.EventCount);
    }

    [Fact]
    public void Requests_within_the_idle_gap_make_one_visit_and_a_longer_pause_starts_another()
    {
        var visits = VisitAggregator.Group(
        [
            At(0, "http://www.facebook.com/"),
            At(60, "http://static.facebook.com/a.js"),     // same registered domain
            At(60 + 300, "http://www.facebook.com/feed"),   // exactly 5 min later: still the same visit
            At(60 + 300 + 301, "http://www.facebook.com/"), // 5 min 1 s later: a new visit
        ]);
        Assert.Equal(2, visits.Count);
        Assert.Equal(("facebook.com", 3, Duration.FromSeconds(360)), (visits[0].Domain, visits[0].EventCount, visits[0].Duration));
        Assert.Equal((1, Duration.Zero), (visits[1].EventCount, visits[1].Duration));
    }

    [Fact]
    public void People_and_domains_are_kept_apart_and_visits_may_interleave()
    {
        var visits = VisitAggregator.Group(
        [
            At(0, "http://www.bbc.co.uk/news"),
            At(10, "http://www.facebook.com/"),
            At(20, "http://www.bbc.co.uk/sport", user: "a.patel"),
            At(30, "http://www.bbc.co.uk/news/education"),
        ]);
        Assert.Equal(
            [("j.smith", "bbc.co.uk", 2), ("j.smith", "facebook.com", 1), ("a.patel", "bbc.co.uk", 1)],
            visits.Select(v => (v.Person, v.Domain, v.EventCount)));
    }

    [Fact]
    public void A_visit_takes_the_union_of_categories_and_the_most_serious_verdict()
    {
        var v = Assert.Single(VisitAggregator.Group(
        [
            At(0, "http://discord.com/", cats: ["chat"], verdict: Verdicts.PersonalBreak),
            At(30, "http://discord.com/app", cats: ["social_networks", "chat"], verdict: Verdicts.PersonalWorkingHours),
            At(60, "http://discord.com/x", verdict: Verdicts.Unclassified),
        ]));
        Assert.Equal(["chat", "social_networks"], v.Categories);
        Assert.Equal(Verdicts.PersonalWorkingHours, v.Verdict);
    }

    [Fact]
    public void Personal_time_is_each_personal_request_until_the_next_and_requests_that_own_none_leave_no_span()
    {
        var v = Assert.Single(VisitAggregator.Group(
        [
            At(0, "http://discord.com/", verdict: Verdicts.PersonalBreak),
            At(30, "http://discord.com/a"),
            At(60, "http://discord.com/b", verdict: Verdicts.PersonalWorkingHours),   // owns nothing: the next starts with it
            At(60, "http://discord.com/c", verdict: Verdicts.PersonalBreak),
            At(90, "http://discord.com/d", verdict: Verdicts.PersonalWorkingHours),
            At(120, "http://discord.com/e", verdict: Verdicts.PersonalBreak),          // the last: ends where the visit ends
        ]));
        PersonalSpan Span(int from, int to, bool working) => new(T0.Plus(Duration.FromSeconds(from)), T0.Plus(Duration.FromSeconds(to)), working);
        Assert.Equal([Span(0, 30, false), Span(60, 90, false), Span(90, 120, true)], v.PersonalTime);
    }

    [Fact]
    public void The_gap_is_configurable_and_idle_visits_close_on_the_watermark()
    {
        var agg = new VisitAggregator(Duration.FromMinutes(1));
        Assert.Null(agg.Add(At(0, "http://www.facebook.com/")));
        Assert.Null(agg.Add(At(50, "http://www.facebook.com/")));
        var closed = agg.Add(At(200, "http://www.facebook.com/"));
        Assert.Equal(2, closed!.EventCount);
        Assert.Empty(agg.CloseIdle(T0.Plus(Duration.FromSeconds(250))));
        Assert.Single(agg.CloseIdle(T0.Plus(Duration.FromSeconds(261))));
        Assert.Equal(0, agg.OpenCount);
    }

    [Fact]
    public void Events_without_a_person_or_a_domain_are_not_counted()
    {
        var noUser = At(0, "http://www.facebook.com/") with { UserName = null, SourceIp = null };
        var noDomain = At(0, "error:transaction-end-before-headers");
        Assert.Empty(VisitAggregator.Group([noUser, noDomain]));
    }

    [Property(MaxTest = 200)]
    public Property Visits_of_one_person_and_domain_never_overlap_and_account_for_every_request() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 3 * 3600)).ToArbitrary(), offsets =>
        {
            var events = offsets.Select(s => At(s, "http://www.facebook.com/")).ToList();
            var visits = VisitAggregator.Group(events);
            var apart = visits.Zip(visits.Skip(1)).All(p => p.Second.Start - p.First.End > VisitAggregator.DefaultIdleGap);
            return apart && visits.Sum(v => v.EventCount) == events.Count;
        });

    [Fact]
    public void Personal_minutes_are_split_at_the_end_of_lunch_and_checked_against_the_thresholds()
    {
        var engine = PolicyFiles.Engine("000-local-authority");   // lunch 12:20-13:10; 0 personal minutes allowed in working hours
        // 12:50 to 13:30 on facebook: 20 minutes in lunch, 20 in working hours
        var start = PolicyEvents.Local(2026, 11, 24, 12, 50);
        var events = Enumerable.Range(0, 41).Select(m => engine.Enrich(
            PolicyEvents.Make(start.Plus(Duration.FromMinutes(m)), "http://www.facebook.com/", ["social_networks"]))).ToList();
        var visit = Assert.Single(VisitAggregator.Group(events));
        Assert.Equal(Verdicts.PersonalWorkingHours, visit.Verdict);
        Assert.Equal(Duration.FromMinutes(40), visit.Duration);
        var (daily, weekly) = PersonalUse.Tally([visit], engine);
        var d = Assert.Single(daily);
        Assert.Equal((new LocalDate(2026, 11, 24), Duration.FromMinutes(20), Duration.FromMinutes(40), true), (d.Date, d.InWorkingHours, d.Total, d.OverDailyLimit));
        Assert.Equal("7.1.1", d.Clause);
        var w = Assert.Single(weekly);
        Assert.Equal((2026, 48, false), (w.WeekYear, w.Week, w.Excessive));
    }

    [Fact]
    public void Over_a_week_personal_use_above_the_weekly_threshold_is_excessive()
    {
        var engine = PolicyFiles.Engine("004-droitwich");   // 120 minutes a week
        var visits = Enumerable.Range(0, 5).Select(day => new Visit
        {
            Person = "j.smith", Role = "staff", Domain = "bbc.co.uk",
            Start = PolicyEvents.Local(2026, 11, 23 + day, 17, 0), End = PolicyEvents.Local(2026, 11, 23 + day, 17, 25),
            EventCount = 10, Categories = ["press"], Verdict = Verdicts.PersonalBreak, FirstEventId = default,
            PersonalTime = [new PersonalSpan(PolicyEvents.Local(2026, 11, 23 + day, 17, 0), PolicyEvents.Local(2026, 11, 23 + day, 17, 25), false)],
        }).ToList();
        var (daily, weekly) = PersonalUse.Tally(visits, engine);
        Assert.Equal(5, daily.Count);
        Assert.All(daily, d => Assert.Equal(Duration.Zero, d.InWorkingHours));   // after 16:30
        var w = Assert.Single(weekly);
        Assert.Equal((Duration.FromMinutes(125), true), (w.Total, w.Excessive));
        Assert.Equal((false, false), (PersonalUse.Tally(visits.Take(4), engine).Weekly[0].Excessive, daily[0].OverDailyLimit));
    }

    /// <summary>
    /// One schedule decides verdicts and visits: the personal minutes <c>visits</c> counts in working hours agree with
    /// the verdicts of the requests in those visits. Requests by staff and pupils at any time of a fortnight (term
    /// days, half term, weekends, nights), personal or not, judged by a seed policy (002 flags personal use as
    /// working-hours use whatever the time).
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Personal_minutes_in_working_hours_agree_with_the_verdicts() =>
        Prop.ForAll(
            Gen.Elements("000-local-authority", "002-southover", "004-droitwich").ToArbitrary(),
            Gen.ListOf(
                from minute in Gen.Choose(0, 14 * 24 * 60)
                from site in Gen.Elements(0, 1, 2)
                from role in Gen.Elements("staff", "pupil", "support-staff")
                select (Minute: minute, Site: site, Role: role)).ToArbitrary(),
            (policy, requests) =>
            {
                var engine = PolicyFiles.Engine(policy);
                var start = PolicyEvents.Local(2026, 10, 19, 0, 0);   // two weeks: a term week, then half term
                (string Url, string[] Cats)[] sites = [("http://www.facebook.com/", ["social_networks"]), ("http://www.amazon.co.uk/", ["shopping"]), ("http://www.bbc.co.uk/bitesize", [])];
                // each request is followed a minute later by another on the same site, so visits last
                var events = requests.SelectMany(r => new[] { r.Minute, r.Minute + 1 }.Select(m => engine.Enrich(PolicyEvents.Make(
                    start.Plus(Duration.FromMinutes(m)), sites[r.Site].Url, sites[r.Site].Cats, r.Role, user: r.Role)))).ToList();
                var (daily, _) = PersonalUse.Tally(VisitAggregator.Group(events), engine);
                return events.GroupBy(e => e.UserName!).All(person =>
                {
                    var personal = person.Where(e => Verdicts.IsPersonal(e.Policy?.Verdict)).ToList();
                    var days = daily.Where(d => d.Person == person.Key).ToList();
                    var working = days.Aggregate(Duration.Zero, (s, d) => s + d.InWorkingHours);
                    var total = days.Aggregate(Duration.Zero, (s, d) => s + d.Total);
                    var allWorking = personal.All(e => e.Policy!.Verdict == Verdicts.PersonalWorkingHours);
                    var noneWorking = personal.All(e => e.Policy!.Verdict != Verdicts.PersonalWorkingHours);
                    return (personal.Count > 0 || total == Duration.Zero)
                        && (!allWorking || working == total)
                        && (!noneWorking || working == Duration.Zero);
                }).Label($"{policy}: {string.Join("; ", daily)}");
            });
}
