using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Rollups;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// The DuckDB store's roll-ups: what the write sessions keep equals what counting the events table gives (after
/// replays, rolled-back sessions, retention and for a store opened without them), and every aggregate, count and
/// person's page read through them equals the same read from the events alone, over random events.
/// </summary>
public sealed class RollupTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    /// <summary>Saturday evening before the clocks go back in London (Sunday 25 October 2026, 02:00 BST).</summary>
    private static readonly Instant Base = Instant.FromUtc(2026, 10, 24, 20, 0);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Varied events: people in two spellings, roles, departments, categories, verdicts, sites and their
    /// subdomains, actions and kinds, schools, bytes or none, safeguarding, over three days; every fifth a finding.</summary>
    private static List<NetEvent> RandomEvents(int seed, int count)
    {
        var random = new Random(seed);
        T Pick<T>(params T[] values) => values[random.Next(values.Length)];
        var events = new List<NetEvent>();
        for (var line = 1; line <= count; line++)
        {
            var user = Pick<string?>(null, "p1", "P1", "s1", "p2");
            var (host, registered) = Pick<(string, string?)>(("www.bbc.co.uk", "bbc.co.uk"), ("bbc.co.uk", "bbc.co.uk"), ("games.com", "games.com"),
                ("m.games.com", "games.com"), ("10.0.0.1", null));
            var action = Pick(EventActions.Allowed, EventActions.Allowed, EventActions.Denied, EventActions.DnsQuery);
            var theme = Pick<string?>(null, null, "bullying");
            var e = TestEvents.Minimal(line, at: Base + Duration.FromSeconds(random.Next(3 * 86400)), user: user) with
            {
                Action = action,
                Dataset = Pick("squid.access", "e2guardian.log"),
                ResponseBytes = Pick<long?>(null, random.Next(1000)),
                Organization = Pick<string?>(null, "urn-1", "urn-1", "urn-2") is { } school ? new Organization { Id = school, Name = "School " + school } : null,
                Url = new UrlParts { Original = Pick("", $"https://{host}/{line}"), Domain = host, RegisteredDomain = registered },
                Classification = Pick(false, true) ? null : new Classification
                {
                    Categories = Pick<string[]>([], ["games"], ["news", "sports"]), SafeguardingTheme = theme, SafeguardingSeverity = theme is null ? null : random.Next(1, 6),
                },
                Attribution = user is null ? null : new Attribution
                {
                    Roles = Pick<string[]>([], ["pupil"], ["wp", "staff"]), GroupName = Pick<string?>(null, "7A", "English"), Source = "proxy-auth", Confidence = 1,
                },
                Policy = Pick(false, true) ? null : new PolicyDecision { Verdict = Pick("personal", "work", "prohibited"), PolicyName = "000" },
            };
            if (line % 5 == 0) e = e with { Finding = new Finding { Kind = FindingKinds.SharedPassword, Description = "x", Start = e.Timestamp } };
            events.Add(e);
        }
        return events;
    }

    /// <summary>Writes the events in sessions of <paramref name="batch"/>, the findings as findings, and then the first session's again (a replay).</summary>
    private static async Task WriteAsync(DuckDbStore store, List<NetEvent> events, int batch)
    {
        foreach (var chunk in events.Chunk(batch).Append(events.Take(batch).ToArray()))
        {
            using var session = store.Writer.Begin();
            await session.WriteEventsAsync([.. chunk.Where(e => e.Finding is null)], None);
            await session.WriteFindingsAsync([.. chunk.Where(e => e.Finding is not null)], None);
            await session.CommitAsync(None);
        }
    }

    /// <summary>Rows of each roll-up that differ from counting the events table now (none when they agree).</summary>
    private long Disagreements()
    {
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        long differ = 0;
        foreach (var table in RollupTables.All)
        {
            var keys = string.Join(", ", table.Keys.Select(k => k.Name));
            var kept = $"SELECT {RollupTable.Hour}, {keys}, sum(requests)::BIGINT, sum(bytes)::BIGINT, min(first_seen), max(last_seen) FROM {table.Name} GROUP BY ALL";
            var counted = table.SelectFromEvents("true");
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM (({kept}) EXCEPT ({counted})) UNION ALL SELECT count(*) FROM (({counted}) EXCEPT ({kept}))";
            using var r = command.ExecuteReader();
            while (r.Read()) differ += r.GetInt64(0);
        }
        return differ;
    }

    private long RollupRows()
    {
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = string.Join(" + ", RollupTables.All.Select(t => $"(SELECT count(*) FROM {t.Name})"));
        command.CommandText = "SELECT " + command.CommandText;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task Sessions_keep_the_rollups_equal_to_counting_the_events_and_a_replay_or_a_rollback_adds_nothing()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        var events = RandomEvents(1, 400);
        await WriteAsync(store, events, 70);
        Assert.Equal(0, Disagreements());
        var rows = RollupRows();
        Assert.True(rows > 0);

        using (var session = store.Writer.Begin())
        {
            var fresh = RandomEvents(2, 50).Select(e => e with { Id = EventIdentity.Compute("other", e.Origin.LineNumber, "x" + e.Origin.LineNumber), Finding = null }).ToList();
            Assert.Equal(50, (await session.WriteEventsAsync(fresh, None)).New.Count);
            // disposed without a commit
        }
        Assert.Equal(rows, RollupRows());
        Assert.Equal(0, Disagreements());
    }

    [Fact]
    public async Task An_hour_written_by_many_small_sessions_is_compacted_to_one_row_per_key_once_the_events_are_past_it()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        var events = RandomEvents(5, 300).Where(e => e.Finding is null).OrderBy(e => e.Timestamp).ToList();
        await WriteAsync(store, events, 4); // as the live service: a few events a session
        Assert.Equal(0, Disagreements());
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        var past = (events[^1].Timestamp - Duration.FromHours(2)).ToDateTimeUtc();
        foreach (var table in RollupTables.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT {RollupTable.Hour}, {string.Join(", ", table.Keys.Select(k => k.Name))}
                                                       FROM {table.Name} WHERE {RollupTable.Hour} < $past))
                FROM {table.Name} WHERE {RollupTable.Hour} < $past
                """;
            command.Parameters.Add(new DuckDBParameter("past", past));
            using var r = command.ExecuteReader();
            r.Read();
            Assert.True(r.GetInt64(0) > 0);
            Assert.Equal(r.GetInt64(1), r.GetInt64(0));
        }
    }

    [Fact]
    public async Task Retention_takes_the_deleted_events_out_of_the_rollups_also_within_an_hour()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        await WriteAsync(store, RandomEvents(3, 400), 100);
        var cut = Base + Duration.FromHours(30) + Duration.FromMinutes(20);
        Assert.True(await store.Retention.DeleteOlderThanAsync(RecordKind.Events, cut, None) > 0);
        Assert.Equal(0, Disagreements());
        Assert.Equal(0, await store.Search.CountAsync(new EventQuery { To = cut, Findings = false }, None));
    }

    [Fact]
    public async Task A_store_opened_without_rollups_fills_them_from_its_events()
    {
        using (var store = DuckDbStore.Open(_dir.Path)) await WriteAsync(store, RandomEvents(4, 300), 100);
        using (var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}"))
        {
            connection.Open();
            // A store written before roll-ups: no tables and no version.
            foreach (var table in RollupTables.All) connection.Execute($"DROP TABLE {table.Name}");
            connection.Execute("DELETE FROM store_info WHERE key = 'rollup_version'");
        }
        using (DuckDbStore.Open(_dir.Path)) { }
        Assert.True(RollupRows() > 0);
        Assert.Equal(0, Disagreements());
    }

    private long Owed()
    {
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {RollupPending.Table}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    [Fact]
    public async Task An_import_leaves_the_rollups_owed_while_it_writes_and_counts_them_once_at_its_close()
    {
        // An earlier import counted per session, of another school mix in the same hours: the recount must keep its rows right.
        using (var live = DuckDbStore.Open(_dir.Path)) await WriteAsync(live, RandomEvents(6, 300), 50);
        var before = RollupRows();
        using (var import = DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
        {
            var fresh = RandomEvents(7, 400).Select(e => e with { Id = EventIdentity.Compute("import", e.Origin.LineNumber, "x" + e.Origin.LineNumber) }).ToList();
            await WriteAsync(import, fresh, 90);
            var owed = Owed();
            using (var rolledBack = import.Writer.Begin())
            {
                var never = RandomEvents(8, 20).Select(e => e with { Id = EventIdentity.Compute("never", e.Origin.LineNumber, "y"), Finding = null,
                    Organization = new Organization { Id = "urn-9", Name = "not committed" } }).ToList();
                await rolledBack.WriteEventsAsync(never, None);
            }
            Assert.Equal(before, RollupRows()); // nothing counted yet...
            Assert.True(Disagreements() > 0);
            Assert.True(owed > 0);                // ...but owed, committed with the events (and a rollback owes nothing)
            Assert.Equal(owed, Owed());
        }
        Assert.Equal(0, Owed());
        Assert.Equal(0, Disagreements());
    }

    [Fact]
    public async Task Hours_an_import_left_owed_when_it_was_killed_are_counted_when_the_store_next_opens()
    {
        using (var store = DuckDbStore.Open(_dir.Path)) await WriteAsync(store, RandomEvents(9, 400), 100);
        using (var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}"))
        {
            connection.Open();
            // What a killed import leaves: events committed with their hours owed, their roll-up rows never written (here:
            // the rows of one school's hours and of the events with no school, taken out again).
            connection.Execute($"""
                INSERT INTO {RollupPending.Table} SELECT DISTINCT organization_id, date_trunc('hour', "@timestamp") FROM events
                WHERE organization_id IS NULL OR (organization_id = 'urn-2' AND "@timestamp" < TIMESTAMP '2026-10-25 12:00:00')
                """);
            foreach (var table in RollupTables.All)
                connection.Execute($"""
                    DELETE FROM {table.Name} USING {RollupPending.Table} AS owed
                    WHERE {table.Name}.hour = owed.hour AND {table.Name}.organization_id IS NOT DISTINCT FROM owed.organization_id
                    """);
        }
        Assert.True(Owed() > 0);
        Assert.True(Disagreements() > 0);
        using (DuckDbStore.Open(_dir.Path)) { }
        Assert.Equal(0, Owed());
        Assert.Equal(0, Disagreements());
    }

    /// <summary>Every dimension, over filters the roll-ups answer, cut by local days and weeks (the clocks going back
    /// among them) and not at all, and over ranges off the hour (answered from the events): the same rows both ways.</summary>
    [Property(MaxTest = 3)]
    public void Aggregates_counts_and_person_pages_read_through_the_rollups_equal_reading_the_events(PositiveInt seed)
    {
        using var dir = new TempDirectory();
        using var rolled = DuckDbStore.Open(dir.Path);
        WriteAsync(rolled, RandomEvents(seed.Get, 300), 60).GetAwaiter().GetResult();
        using var plain = DuckDbStore.OpenReadingEventsOnly(dir.Path);

        var from = Base + Duration.FromHours(4);
        EventQuery[] filters =
        [
            EventQuery.All,
            new() { Findings = false },
            new() { From = from, To = from + Duration.FromDays(2), School = "urn-1" },
            new() { From = from, To = from + Duration.FromDays(1), Verdict = "personal", Findings = false },
            new() { Person = "p1", Action = EventActions.Denied },
            new() { Domain = "games.com", Findings = false, School = "urn-1" },
            new() { Domain = "BBC.co.uk", Kind = EventKinds.PageView },
            new() { Categories = ["news"], MinSeverity = 2 },
            new() { SafeguardingTheme = "bullying", From = from + Duration.FromMinutes(30) },
        ];
        var queries = new List<AggregateQuery>();
        foreach (var filter in filters)
            foreach (var by in Enum.GetValues<AggregateDimension>())
                foreach (var bucket in new[] { TimeBucket.None, TimeBucket.Day, TimeBucket.Hour })
                    queries.Add(new AggregateQuery { Name = $"{queries.Count}", Filter = filter, By = by, Bucket = bucket, Zone = London, Top = by == AggregateDimension.Category ? 2 : null });
        string Show(IReadOnlyList<AggregateResult> results) => string.Join("\n", results.Select(r => r.Name + ": " + string.Join("; ",
            r.Rows.Select(x => $"{x.BucketStart} {x.BucketLabel} {x.Key} {x.Requests} {x.Bytes} {x.VisitMinutes} {x.First} {x.Last}"))));
        Assert.Equal(Show(plain.Aggregates.AggregateAsync(queries, None).GetAwaiter().GetResult()),
            Show(rolled.Aggregates.AggregateAsync(queries, None).GetAwaiter().GetResult()));
        foreach (var filter in filters)
        {
            Assert.Equal(plain.Search.CountAsync(filter, None).GetAwaiter().GetResult(), rolled.Search.CountAsync(filter, None).GetAwaiter().GetResult());
            // A person's pages (read over the hours the roll-up counts for them, the name's stored spellings compared
            // exactly, findings apart): the first pages the same both ways, with the filters the roll-up has and has not.
            foreach (var person in new[] { "p1", "P1", "s1", "nobody" })
                foreach (var q in new[] { filter with { Person = person }, filter with { Person = person, UrlContains = "/1" }, filter with { Person = person, Findings = false } })
                    Assert.Equal(Pages(plain, q), Pages(rolled, q));
        }
    }

    /// <summary>The first three pages of a search, 7 events a page: the ids of each page and its next cursor.</summary>
    private static string Pages(DuckDbStore store, EventQuery query)
    {
        var pages = new List<string>();
        EventCursor? after = null;
        do
        {
            var page = store.Search.SearchAsync(query, 7, after, None).GetAwaiter().GetResult();
            pages.Add(string.Join(",", page.Events.Select(e => e.Id)) + " -> " + page.Next?.ToToken());
            after = page.Next;
        } while (after is not null && pages.Count < 3);
        return string.Join("\n", pages);
    }
}
