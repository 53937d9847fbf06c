using FsCheck;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Rollups;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// A session's roll-up count (<see cref="RollupCounter"/>): however its events are split into write calls, the rows are
/// the same, one per period and key, with the sums of that key's events (findings aside), as grouping the events by
/// each table's key readers gives.
/// </summary>
public sealed class RollupCounterTests
{
    /// <summary>The rows as text, one line per row, sorted: period, key values, requests, bytes, first and last.</summary>
    private static List<string> Rows(RollupCounter counter, RollupTable table) =>
        [.. counter.Rows(table).Select(r => Line(r.Key.Hour, Enumerable.Range(0, r.Key.Count).Select(i => r.Key[i]), r.Value.Requests, r.Value.Bytes, r.Value.First, r.Value.Last)).Order(StringComparer.Ordinal)];

    private static string Line(NodaTime.Instant period, IEnumerable<object?> values, long requests, long bytes, NodaTime.Instant first, NodaTime.Instant last) =>
        $"{period} [{string.Join("|", values.Select(Show))}] {requests} {bytes} {first} {last}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        IReadOnlyList<string> list => "[" + string.Join(",", list) + "]",
        _ => "'" + value + "'",
    };

    /// <summary>What the table's rows must be: the events grouped by period and the key columns' values as text.</summary>
    private static List<string> Expected(RollupTable table, IEnumerable<NetEvent> events)
    {
        var readers = table.Keys.Select(k => RollupTables.Reader(k.Name)).ToArray();
        return [.. events.Where(e => e.Finding is null)
            .GroupBy(e => (table.PeriodOf(e.Timestamp), string.Join("|", readers.Select(r => Show(r(e))))))
            .Select(g => Line(g.Key.Item1, readers.Select(r => r(g.First())), g.Count(), g.Sum(e => e.ResponseBytes ?? 0),
                g.Min(e => e.Timestamp), g.Max(e => e.Timestamp)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A full event (every key column set, no finding) to vary one column of.</summary>
    private static NetEvent Full() => TestEvents.Minimal(1, at: NodaTime.Instant.FromUtc(2026, 12, 7, 10, 0), user: "p1") with
    {
        Action = EventActions.Allowed,
        Dataset = "squid.access",
        Organization = new Organization { Id = "urn-1", Name = "School" },
        Url = new UrlParts { Original = "https://www.games.com/", Domain = "www.games.com", RegisteredDomain = "games.com" },
        Classification = new Classification { Categories = ["games"], SafeguardingTheme = "bullying", SafeguardingSeverity = 3 },
        Attribution = new Attribution { Roles = ["pupil"], GroupName = "7A", Source = "proxy-auth", Confidence = 1 },
        Policy = new PolicyDecision { Verdict = "personal", PolicyName = "000" },
    };

    /// <summary>For each key column, two events alike but in that column: null against "" (or an empty list, or another
    /// value where the column cannot be null).</summary>
    public static TheoryData<string> KeyColumns => [.. RollupTables.All.SelectMany(t => t.Keys).Select(k => k.Name).Distinct()];

    private static (NetEvent, NetEvent) DifferingIn(string column)
    {
        var e = Full();
        return column switch
        {
            "organization_id" => (e with { Organization = null }, e with { Organization = new Organization { Id = "", Name = "" } }),
            "netwatch_categories" => (e with { Classification = e.Classification! with { Categories = [] } }, e with { Classification = e.Classification! with { Categories = [""] } }),
            "netwatch_policy_verdict" => (e with { Policy = null }, e with { Policy = new PolicyDecision { Verdict = "", PolicyName = "000" } }),
            "event_action" => (e, e with { Action = EventActions.Denied }),
            RollupTables.Kind => (e, e with { Url = e.Url with { Original = "" } }),
            "user_roles" => (e with { Attribution = e.Attribution! with { Roles = [] } }, e with { Attribution = e.Attribution! with { Roles = [""] } }),
            "user_group_name" => (e with { Attribution = e.Attribution! with { GroupName = null } }, e with { Attribution = e.Attribution! with { GroupName = "" } }),
            "event_dataset" => (e, e with { Dataset = "squid.access " }),
            "netwatch_safeguarding_theme" => (e with { Classification = e.Classification! with { SafeguardingTheme = null } }, e with { Classification = e.Classification! with { SafeguardingTheme = "" } }),
            "netwatch_safeguarding_severity" => (e with { Classification = e.Classification! with { SafeguardingSeverity = null } }, e with { Classification = e.Classification! with { SafeguardingSeverity = 0 } }),
            "user_name" => (e with { UserName = null }, e with { UserName = "" }),
            "url_domain" => (e with { Url = e.Url with { Domain = null } }, e with { Url = e.Url with { Domain = "" } }),
            "url_registered_domain" => (e with { Url = e.Url with { RegisteredDomain = null } }, e with { Url = e.Url with { RegisteredDomain = "" } }),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
        };
    }

    [Theory]
    [MemberData(nameof(KeyColumns))]
    public void Two_events_differing_only_in_one_key_column_are_two_rows_of_the_tables_keyed_on_it(string column)
    {
        var (a, b) = DifferingIn(column);
        var counter = new RollupCounter();
        counter.Add([a, b, a]);
        foreach (var table in RollupTables.All)
        {
            // The pair differs in the column (the readers say so), and a table keyed on it has a row for each, others one.
            Assert.False(Equals(RollupTables.Reader(column)(a), RollupTables.Reader(column)(b)));
            var rows = counter.Rows(table).ToList();
            Assert.Equal(table.Has(column) ? 2 : 1, rows.Count);
            Assert.Equal(3, rows.Sum(r => r.Value.Requests));
        }
    }

    [Fact]
    public void Lists_of_the_same_items_are_one_key_whichever_object_holds_them()
    {
        var e = Full();
        var same = e with { Classification = e.Classification! with { Categories = ["games"] }, Attribution = e.Attribution! with { Roles = ["pupil"] } };
        var counter = new RollupCounter();
        counter.Add([e, same]);
        Assert.All(RollupTables.All, t => Assert.Equal(2, Assert.Single(counter.Rows(t)).Value.Requests));
    }

    [Fact]
    public void The_sites_rows_are_counted_by_day_across_the_people_hours()
    {
        var e = Full();
        var counter = new RollupCounter();
        counter.Add([e, e with { Timestamp = e.Timestamp + NodaTime.Duration.FromHours(3), ResponseBytes = 5 }, e with { Timestamp = e.Timestamp + NodaTime.Duration.FromDays(1) }]);
        Assert.Equal(3, counter.People.Count);
        var sites = counter.Rows(RollupTables.Sites).ToList();
        Assert.Equal([2L, 1L], sites.Select(r => r.Value.Requests));
        Assert.Equal(e.Timestamp + NodaTime.Duration.FromHours(3), sites[0].Value.Last);
        Assert.Equal((e.ResponseBytes ?? 0) + 5, sites[0].Value.Bytes);
        counter.Add([e with { Timestamp = e.Timestamp + NodaTime.Duration.FromMinutes(1) }]); // added after a look: folded again
        Assert.Equal(3L, counter.Rows(RollupTables.Sites).First().Value.Requests);
    }

    [Property(MaxTest = 30)]
    public void Events_counted_in_any_split_of_write_calls_give_one_row_per_period_and_key_with_their_sums(PositiveInt seed, PositiveInt[] cuts)
    {
        var events = RollupTests.RandomEvents(seed.Get, 400);
        var counter = new RollupCounter();
        // Random write calls (some empty), the same events whatever the split.
        var at = 0;
        foreach (var cut in cuts.Select(c => c.Get % 150).Append(events.Count))
        {
            var end = Math.Min(events.Count, at + cut);
            counter.Add(events[at..end]);
            at = end;
        }
        foreach (var table in RollupTables.All)
            Assert.Equal(Expected(table, events), Rows(counter, table));
        Assert.Equal(events.Where(e => e.Finding is null).Max(e => RollupWriter.HourOf(e.Timestamp)), counter.NewestHour);
    }

    [Fact]
    public void A_cleared_count_starts_again_from_nothing()
    {
        var counter = new RollupCounter();
        counter.Add(RollupTests.RandomEvents(1, 200));
        counter.Clear();
        Assert.Null(counter.NewestHour);
        Assert.All(RollupTables.All, t => Assert.Empty(counter.Rows(t)));
        var again = RollupTests.RandomEvents(2, 100);
        counter.Add(again);
        foreach (var table in RollupTables.All)
            Assert.Equal(Expected(table, again), Rows(counter, table));
    }

    [Fact]
    public void The_room_a_backlog_session_needed_is_kept_while_sessions_stay_large_and_given_back_when_they_are_small()
    {
        // 20,000 events of distinct people: as many people and sites keys.
        var many = RollupTests.RandomEvents(3, 20_000).Select((e, i) => e with { Finding = null, UserName = $"Person.{i}" }).ToList();
        var counter = new RollupCounter();
        counter.Add(many);
        counter.Clear();
        var room = counter.Room(RollupTables.People);
        Assert.True(room >= 20_000, $"{room}");
        counter.Add(many.Take(8_000).ToList()); // a session still behind: its room kept, nothing grown
        counter.Clear();
        Assert.Equal(room, counter.Room(RollupTables.People));
        counter.Add(many.Take(100).ToList());   // caught up: given back, down to the room always kept
        counter.Clear();
        Assert.True(counter.Room(RollupTables.People) < room / 2, $"{counter.Room(RollupTables.People)} of {room}");
    }
}
