using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>
    /// Six events around the clocks going back in London (02:00 BST → 01:00 GMT on Sunday 25 October 2026), placed so
    /// that UTC days, UTC hours or UTC dates of terms would cut them differently from local ones, and three visits.
    /// </summary>
    private async Task WriteAggregateFixtureAsync()
    {
        NetEvent Ev(long line, string utc, string? user, string? role, string? group, string[] categories, string? verdict,
            string domain, long bytes, string action = EventActions.Allowed, string? theme = null, string? school = null,
            string dataset = "squid.access") =>
            TestEvents.Minimal(line, at: NodaTime.Text.InstantPattern.ExtendedIso.Parse(utc).Value, user: user) with
            {
                Action = action, ResponseBytes = bytes, Dataset = dataset,
                Organization = school is null ? null : new Organization { Id = school, Name = "School " + school },
                Url = new UrlParts { Original = $"https://{domain}/{line}", Domain = "www." + domain, RegisteredDomain = domain },
                Classification = new Classification { Categories = categories, SafeguardingTheme = theme, SafeguardingSeverity = theme is null ? null : 2 },
                Attribution = user is null ? null : new Attribution { Roles = role is null ? [] : [role], GroupName = group, Source = "proxy-auth", Confidence = 1 },
                Policy = verdict is null ? null : new PolicyDecision { Verdict = verdict, PolicyName = "000" },
            };
        var a = Ev(1, "2026-10-24T22:30:00Z", "p1", "pupil", "7A", ["games"], "personal", "games.com", 100, school: "urn-1");            // Sat 23:30 BST
        var b = Ev(2, "2026-10-24T23:15:00Z", "p1", "pupil", "7A", ["news", "sports"], "work", "bbc.co.uk", 200, school: "urn-1");     // Sun 00:15 BST
        var c = Ev(3, "2026-10-25T00:30:00Z", "s1", "staff", "English", [], "work", "bbc.co.uk", 300, school: "urn-1");                // Sun 01:30 BST
        var d = Ev(4, "2026-10-25T01:30:00Z", "s1", "staff", "English", ["news"], "work", "bbc.co.uk", 400, theme: "bullying"); // Sun 01:30 GMT
        var e = Ev(5, "2026-10-25T23:30:00Z", null, null, null, [], null, "games.com", 500, EventActions.Denied, dataset: "e2guardian.log");      // Sun 23:30 GMT
        var f = Ev(6, "2026-10-26T00:30:00Z", "p1", "pupil", "7A", ["games"], "personal", "games.com", 600, school: "urn-2");           // Mon 00:30 GMT
        await WriteAsync(a, b, c, d, e, f);
        using var session = Store.Writer.Begin();
        await session.WriteVisitsAsync([
            Visit(a, 20, "personal", "pupil") with { Person = "p1" },
            Visit(b, 5, "work", "pupil") with { Person = "p1" },
            Visit(c, 10, "work", "staff") with { Person = "s1", Categories = ["news"] },
        ], None);
        await session.CommitAsync(None);
    }

    private async Task<IReadOnlyList<AggregateRow>> AggregateAsync(AggregateQuery query) =>
        Assert.Single(await Store.Aggregates.AggregateAsync([query], None)).Rows;

    private static string Show(IEnumerable<AggregateRow> rows) =>
        string.Join("; ", rows.Select(r => $"{r.BucketLabel ?? "-"} {r.Key ?? "-"} {r.Requests} {r.Bytes} {r.VisitMinutes:0.##}"));

    [Fact]
    public async Task Aggregate_without_bucket_or_dimension_counts_every_selected_event()
    {
        await WriteAggregateFixtureAsync();
        Assert.Equal("- - 6 2100 35", Show(await AggregateAsync(new AggregateQuery())));
        Assert.Equal("- - 2 700 10", Show(await AggregateAsync(new AggregateQuery { Filter = new EventQuery { Person = "s1" } })));
    }

    [Fact]
    public async Task Aggregate_for_one_school_counts_its_events_and_the_visits_that_start_with_them()
    {
        await WriteAggregateFixtureAsync();
        Assert.Equal("- - 3 600 35", Show(await AggregateAsync(new AggregateQuery { Filter = new EventQuery { School = "urn-1" } })));
        Assert.Equal("- - 1 600 0", Show(await AggregateAsync(new AggregateQuery { Filter = new EventQuery { School = "urn-2" } })));
    }

    [Fact]
    public async Task Aggregate_by_local_day_across_the_clocks_going_back()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery { Bucket = TimeBucket.Day, Zone = London });
        Assert.Equal("2026-10-24 - 1 100 20; 2026-10-25 - 4 1400 15; 2026-10-26 - 1 600 0", Show(rows));
        Assert.Equal(Instant.FromUtc(2026, 10, 24, 23, 0), rows[1].BucketStart);   // midnight BST
        Assert.Equal(Instant.FromUtc(2026, 10, 26, 0, 0), rows[2].BucketStart);    // midnight GMT: the 25th had 25 hours
    }

    [Fact]
    public async Task Aggregate_by_local_hour_keeps_the_repeated_hour_apart()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery { Bucket = TimeBucket.Hour, Zone = London, Filter = new EventQuery { Person = "s1" } });
        Assert.Equal("2026-10-25T01:00+01:00 - 1 300 10; 2026-10-25T01:00+00:00 - 1 400 0", Show(rows));
        Assert.Equal([Instant.FromUtc(2026, 10, 25, 0, 0), Instant.FromUtc(2026, 10, 25, 1, 0)], rows.Select(r => r.BucketStart!.Value));
    }

    [Fact]
    public async Task Aggregate_by_iso_week_from_local_monday()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery { Bucket = TimeBucket.Week, Zone = London });
        Assert.Equal("2026-W43 - 5 1500 35; 2026-W44 - 1 600 0", Show(rows));
        Assert.Equal(Instant.FromUtc(2026, 10, 18, 23, 0), rows[0].BucketStart);   // Monday 19 October, midnight BST
    }

    [Fact]
    public async Task Aggregate_by_term_uses_local_dates_and_leaves_out_events_outside_every_term()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery
        {
            Bucket = TimeBucket.Term, Zone = London,
            Terms = [new TermRange("first-half", new LocalDate(2026, 9, 1), new LocalDate(2026, 10, 24)),
                     new TermRange("sunday", new LocalDate(2026, 10, 25), new LocalDate(2026, 10, 25))],
        });
        Assert.Equal("first-half - 1 100 20; sunday - 4 1400 15", Show(rows));
    }

    [Theory]
    [InlineData(AggregateDimension.Role, "- pupil 3 900 25; - staff 2 700 10; - (none) 1 500 0")]
    [InlineData(AggregateDimension.Group, "- 7A 3 900 0; - English 2 700 0; - (none) 1 500 0")]
    [InlineData(AggregateDimension.Category, "- (none) 2 800 0; - games 2 700 20; - news 2 600 15; - sports 1 200 5")]
    [InlineData(AggregateDimension.Verdict, "- work 3 900 15; - personal 2 700 20; - (none) 1 500 0")]
    [InlineData(AggregateDimension.RegisteredDomain, "- bbc.co.uk 3 900 15; - games.com 3 1200 20")]
    [InlineData(AggregateDimension.Person, "- p1 3 900 25; - s1 2 700 10; - (none) 1 500 0")]
    [InlineData(AggregateDimension.Action, "- allowed 5 1600 0; - denied 1 500 0")]
    [InlineData(AggregateDimension.SafeguardingTheme, "- (none) 5 1700 0; - bullying 1 400 0")]
    [InlineData(AggregateDimension.School, "- urn-1 3 600 0; - (none) 2 900 0; - urn-2 1 600 0")]
    [InlineData(AggregateDimension.Dataset, "- squid.access 5 1600 0; - e2guardian.log 1 500 0")]
    public async Task Aggregate_by_each_dimension(AggregateDimension by, string expected)
    {
        await WriteAggregateFixtureAsync();
        Assert.Equal(expected, Show(await AggregateAsync(new AggregateQuery { By = by })));
    }

    [Fact]
    public async Task By_person_role_is_the_last_role_and_visits_count_under_their_persons_and_kind_tells_page_views_apart()
    {
        NetEvent Ev(long line, string user, string[] roles, string action = EventActions.Allowed) =>
            TestEvents.Minimal(line, user: user) with
            {
                Action = action,
                Url = action == EventActions.DnsQuery ? new UrlParts { Original = "dns:example.com" } : new UrlParts { Original = $"https://example.com/{line}", RegisteredDomain = "example.com" },
                Attribution = new Attribution { Roles = roles, Source = "proxy-auth", Confidence = 1 },
            };
        // Bytes are TestEvents.Minimal's 100 + line.
        var teacher = Ev(1, "t1", ["teaching", "staff"]);
        await WriteAsync(teacher, Ev(2, "t1", ["teaching", "staff"], EventActions.DnsQuery), Ev(3, "p1", ["pupil"]),
            Ev(4, "p1", ["pupil"]) with { Finding = new Finding { Kind = "shared-password", Description = "x", Start = TestEvents.Base } });
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(teacher, 12, "work", "teaching")], None);
            await session.CommitAsync(None);
        }
        Assert.Equal("- teaching 2 203 12", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.Role, Filter = new EventQuery { Person = "t1" } })));
        Assert.Equal("- pupil 2 207 0; - staff 2 203 12", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.PersonRole })));
        Assert.Equal("- page-view 2 204 0; - dns-look-up 1 102 0; - finding 1 104 0", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.Kind })));
        Assert.Equal("- pupil 1 103 0; - staff 1 101 12", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.PersonRole, Filter = new EventQuery { Kind = EventKinds.PageView } })));
        Assert.Equal("- staff 1 102 0", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.PersonRole, Filter = new EventQuery { Kind = EventKinds.DnsLookup } })));
        Assert.Equal(1, await Store.Search.CountAsync(new EventQuery { Kind = EventKinds.Finding }, None));
    }

    [Fact]
    public async Task By_person_the_visit_minutes_of_nobody_known_are_in_the_row_of_their_page_views()
    {
        // A visit of page views attributed to nobody is stored under its source address (Visit.Person); the events
        // are grouped under "(none)". One row must carry both figures, not a (none) row without minutes beside an
        // address row without page views (a "person" who was no one).
        var known = TestEvents.Minimal(1, user: "p1");
        var nobody = TestEvents.Minimal(2, user: null);
        await WriteAsync(known, nobody, TestEvents.Minimal(3, user: null));
        using (var session = Store.Writer.Begin())
        {
            await session.WriteVisitsAsync([Visit(known, 4), Visit(nobody, 6)], None);
            await session.CommitAsync(None);
        }
        Assert.Equal("127.0.10.11", nobody.SourceIp);
        Assert.Equal("- (none) 2 205 6; - p1 1 101 4", Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.Person })));
        Assert.Equal("- (none) 2 205 6; - p1 1 101 4", Show(await AggregateAsync(new AggregateQuery
            { By = AggregateDimension.Person, Filter = new EventQuery { From = TestEvents.Base, To = TestEvents.Base + Duration.FromHours(1) } })));
    }

    [Fact]
    public async Task Aggregate_rows_give_the_first_and_last_time_of_their_events()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery { By = AggregateDimension.Person });
        var p1 = rows.Single(r => r.Key == "p1");
        Assert.Equal((Instant.FromUtc(2026, 10, 24, 22, 30), Instant.FromUtc(2026, 10, 26, 0, 30)), (p1.First!.Value, p1.Last!.Value));
        var day = (await AggregateAsync(new AggregateQuery { Bucket = TimeBucket.Day, Zone = London }))[1];
        Assert.Equal((Instant.FromUtc(2026, 10, 24, 23, 15), Instant.FromUtc(2026, 10, 25, 23, 30)), (day.First!.Value, day.Last!.Value));
    }

    [Fact]
    public async Task Aggregate_top_n_keeps_the_groups_with_most_requests_over_the_whole_range_in_every_bucket()
    {
        await WriteAggregateFixtureAsync();
        var rows = await AggregateAsync(new AggregateQuery { By = AggregateDimension.Person, Bucket = TimeBucket.Day, Zone = London, Top = 2 });
        Assert.Equal("2026-10-24 p1 1 100 20; 2026-10-25 s1 2 700 10; 2026-10-25 p1 1 200 5; 2026-10-26 p1 1 600 0", Show(rows));
    }

    [Fact]
    public async Task Aggregate_filters_select_the_events_counted_and_visit_minutes_only_where_visits_carry_the_filter()
    {
        await WriteAggregateFixtureAsync();
        Assert.Equal("- games.com 2 700 20",
            Show(await AggregateAsync(new AggregateQuery { By = AggregateDimension.RegisteredDomain, Filter = new EventQuery { Verdict = "personal" } })));
        Assert.Equal("- - 1 500 0", Show(await AggregateAsync(new AggregateQuery { Filter = new EventQuery { Action = EventActions.Denied } })));
    }

    [Fact]
    public async Task Several_aggregates_in_one_call_come_back_by_name_in_the_order_asked()
    {
        await WriteAggregateFixtureAsync();
        var results = await Store.Aggregates.AggregateAsync([
            new AggregateQuery { Name = "by-day", Bucket = TimeBucket.Day, Zone = London },
            new AggregateQuery { Name = "top-site", By = AggregateDimension.RegisteredDomain, Top = 1 },
            new AggregateQuery { Name = "nothing", Filter = new EventQuery { Person = "nobody" }, Bucket = TimeBucket.Day },
        ], None);
        Assert.Equal(["by-day", "top-site", "nothing"], results.Select(r => r.Name));
        Assert.Equal(3, results[0].Rows.Count);
        Assert.Equal("- bbc.co.uk 3 900 15", Show(results[1].Rows));
        Assert.Empty(results[2].Rows);
    }
}
