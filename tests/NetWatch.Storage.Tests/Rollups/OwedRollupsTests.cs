using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Rollups;
using NetWatch.Storage.Tests.Contracts;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// Readers while roll-ups are owed (a (school, UTC hour) in rollup_pending: its roll-up rows incomplete): every question
/// an owed pair meets is answered from the events, exactly; one it does not meet, and every question when nothing is
/// owed, still from the roll-ups.
/// </summary>
public sealed class OwedRollupsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static DuckDBConnection Connect(TempDirectory dir)
    {
        var connection = new DuckDBConnection($"Data Source={dir.File(DuckDbStore.FileName)}");
        connection.Open();
        return connection;
    }

    /// <summary>A few random (school, hour)s of the events owed, their roll-up rows gone: every aggregate, count and
    /// person's page the same as from the events.</summary>
    [Property(MaxTest = 3)]
    public void Aggregates_counts_and_person_pages_equal_the_events_answers_while_random_hours_are_owed(PositiveInt seed, PositiveInt owedCount)
    {
        using var dir = new TempDirectory();
        using var rolled = DuckDbStore.Open(dir.Path);
        var events = RollupTests.RandomEvents(seed.Get, 300);
        RollupTests.WriteAsync(rolled, events, 60).GetAwaiter().GetResult();
        using var plain = DuckDbStore.OpenReadingEventsOnly(dir.Path);
        var random = new Random(seed.Get);
        var owed = Enumerable.Range(0, 1 + owedCount.Get % 3).Select(_ => events[random.Next(events.Count)]).Select(e =>
            $"(organization_id IS NOT DISTINCT FROM {(e.Organization is { } o ? $"'{o.Id}'" : "NULL")} " +
            $"AND date_trunc('hour', \"@timestamp\") = TIMESTAMP '{RollupWriter.HourOf(e.Timestamp).ToDateTimeUtc():yyyy-MM-dd HH:mm:ss}')");
        using (var connection = Connect(dir)) RollupTests.Owe(connection, string.Join(" OR ", owed));
        RollupTests.AssertSameAnswers(plain, rolled);
    }

    /// <summary>
    /// With every roll-up row's requests multiplied (a wrong roll-up, so an answer shows where it came from): nothing owed,
    /// or owed only for another school, outside the range, or on another UTC day, the roll-ups still answer; owed for the
    /// question's school and range, or on its day in the table of days, the events do.
    /// </summary>
    [Fact]
    public async Task Only_an_owed_hour_of_the_questions_school_and_range_sends_it_to_the_events_and_nothing_owed_keeps_the_rollups()
    {
        using var dir = new TempDirectory();
        using var rolled = DuckDbStore.Open(dir.Path);
        await RollupTests.WriteAsync(rolled, RollupTests.RandomEvents(41, 300), 60);
        using var plain = DuckDbStore.OpenReadingEventsOnly(dir.Path);
        using var connection = Connect(dir);
        foreach (var table in RollupTables.All) connection.Execute($"UPDATE {table.Name} SET requests = requests * 1000");

        var day = Instant.FromUtc(2026, 10, 25, 0, 0);
        // Answered by the table of hours (a school's dashboard over a day from 04:00) and by the table of days (a site over a UTC day).
        var dashboard = new EventQuery { From = day + Duration.FromHours(4), To = day + Duration.FromHours(28), School = "urn-1" };
        var site = new EventQuery { From = day, To = day + Duration.FromDays(1), Domain = "games.com", Findings = false };
        Assert.Same(RollupTables.Events, RollupChoice.For(dashboard, AggregateDimension.Role, []));
        Assert.Same(RollupTables.Sites, RollupChoice.For(site, AggregateDimension.Person, []));
        async Task<bool> FromEvents(EventQuery q, AggregateDimension by)
        {
            var query = new AggregateQuery { Name = "q", Filter = q, By = by };
            var count = await rolled.Search.CountAsync(q, None);
            var fromRollups = RollupTests.Show(await rolled.Aggregates.AggregateAsync([query], None));
            var fromEvents = RollupTests.Show(await plain.Aggregates.AggregateAsync([query], None));
            Assert.Equal(fromRollups == fromEvents, count == await plain.Search.CountAsync(q, None)); // counts and aggregates agree
            return fromRollups == fromEvents;
        }
        void Owe(string school, Instant hour) =>
            connection.Execute($"INSERT INTO {RollupPending.Table} (organization_id, hour) VALUES ({school}, TIMESTAMP '{hour.ToDateTimeUtc():yyyy-MM-dd HH:mm:ss}')");

        Assert.False(await FromEvents(dashboard, AggregateDimension.Role));
        Assert.False(await FromEvents(site, AggregateDimension.Person));
        Owe("'urn-1'", day - Duration.FromHours(1));  // the day before the site's
        Owe("'urn-2'", day + Duration.FromDays(1));   // the day after
        Assert.False(await FromEvents(site, AggregateDimension.Person));
        Owe("'urn-2'", day + Duration.FromHours(23)); // the site's day, any school: its whole day is owed in the table of days
        Assert.True(await FromEvents(site, AggregateDimension.Person));

        Owe("'urn-2'", day + Duration.FromHours(5));  // another school than the dashboard's
        Owe("NULL", day + Duration.FromHours(6));     // no school
        Owe("'urn-1'", day + Duration.FromHours(3));  // before its range
        Owe("'urn-1'", day + Duration.FromHours(28)); // its end
        Assert.False(await FromEvents(dashboard, AggregateDimension.Role));
        Owe("'urn-1'", day + Duration.FromHours(27)); // its last hour, the next UTC day
        Assert.True(await FromEvents(dashboard, AggregateDimension.Role));
    }

    /// <summary>
    /// A school's visit minutes: when the roll-ups count no other school's event the visits are not looked up by school,
    /// but another school's owed hours are events the roll-ups do not count yet, so its visits must still be kept out.
    /// </summary>
    [Fact]
    public async Task A_schools_visit_minutes_leave_out_the_visits_of_another_school_whose_hours_are_owed()
    {
        using var dir = new TempDirectory();
        using var rolled = DuckDbStore.Open(dir.Path);
        var at = RollupTests.Base + Duration.FromMinutes(10);
        NetEvent Ev(int line, string school) => TestEvents.Minimal(line, at: at + Duration.FromMinutes(line), user: "p" + line) with
        {
            Organization = new Organization { Id = school, Name = school },
            Url = new UrlParts { Original = $"https://games.com/{line}", Domain = "games.com", RegisteredDomain = "games.com" },
        };
        var (own, other) = (Ev(1, "urn-1"), Ev(2, "urn-2"));
        await RollupTests.WriteAsync(rolled, [own, other], 10);
        using (var session = rolled.Writer.Begin())
        {
            await session.WriteVisitsAsync([StoreContractTests.Visit(own, 20), StoreContractTests.Visit(other, 7)], None);
            await session.CommitAsync(None);
        }
        using var plain = DuckDbStore.OpenReadingEventsOnly(dir.Path); // before the hours are owed: a store that opens counts them
        using (var connection = Connect(dir)) RollupTests.Owe(connection, "organization_id = 'urn-2'");
        var query = new AggregateQuery { Name = "q", Filter = new EventQuery { School = "urn-1" } };
        var minutes = Assert.Single(Assert.Single(await rolled.Aggregates.AggregateAsync([query], None)).Rows).VisitMinutes;
        Assert.Equal(20, minutes);
        Assert.Equal(RollupTests.Show(await plain.Aggregates.AggregateAsync([query], None)), RollupTests.Show(await rolled.Aggregates.AggregateAsync([query], None)));
    }
}
