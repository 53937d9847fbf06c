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
    internal static readonly Instant Base = Instant.FromUtc(2026, 10, 24, 20, 0);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Varied events: people in two spellings, roles, departments, categories, verdicts, sites and their
    /// subdomains, actions and kinds, schools, bytes or none, safeguarding, over three days; every fifth a finding.</summary>
    internal static List<NetEvent> RandomEvents(int seed, int count)
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
    internal static async Task WriteAsync(DuckDbStore store, List<NetEvent> events, int batch)
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
    private long Disagreements() => Disagreements(_dir.File(DuckDbStore.FileName));

    internal static long Disagreements(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
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
        // Every host the events hold under another registered domain (or none) is in rollup_hosts (which may keep more:
        // hosts whose events retention deleted), and every spelling of a person or site in rollup_spellings.
        using (var hosts = connection.CreateCommand())
        {
            hosts.CommandText = $"""
                SELECT (SELECT count(*) FROM (SELECT url_domain FROM events WHERE netwatch_finding IS NULL AND url_domain IS NOT NULL
                        AND url_registered_domain IS DISTINCT FROM url_domain EXCEPT SELECT value FROM {RollupHosts.Name}))
                     + (SELECT count(*) FROM (SELECT user_name FROM events WHERE netwatch_finding IS NULL AND user_name IS NOT NULL
                        UNION SELECT url_domain FROM events WHERE netwatch_finding IS NULL AND url_domain IS NOT NULL
                        UNION SELECT url_registered_domain FROM events WHERE netwatch_finding IS NULL AND url_registered_domain IS NOT NULL
                        EXCEPT SELECT value FROM {RollupSpellings.Name}))
                """;
            differ += Convert.ToInt64(hosts.ExecuteScalar());
        }
        return differ;
    }

    /// <summary>Rows of rollup_spellings and rollup_hosts beyond one per value (none when each is stored once).</summary>
    internal static long SideValuesStoredTwice(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT (SELECT count(*) - count(DISTINCT value) FROM {RollupSpellings.Name}) + (SELECT count(*) - count(DISTINCT value) FROM {RollupHosts.Name})";
        return Convert.ToInt64(command.ExecuteScalar());
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
    public async Task A_session_of_several_write_calls_stores_one_row_per_key_and_period_with_the_sums_of_its_events()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        // Few keys (three templates over a few hours), so that every call of the session repeats keys of the others.
        var events = RepeatedEvents(21, 300, Duration.FromMinutes(1));
        using (var session = store.Writer.Begin())
        {
            foreach (var call in events.Chunk(40)) await session.WriteEventsAsync(call, None);
            await session.CommitAsync(None);
        }
        Assert.Equal(0, Disagreements());
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        foreach (var table in RollupTables.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT {RollupTable.Hour}, {string.Join(", ", table.Keys.Select(k => k.Name))} FROM {table.Name}))
                FROM {table.Name}
                """;
            using var r = command.ExecuteReader();
            r.Read();
            Assert.True(r.GetInt64(0) > 0, table.Name);
            Assert.Equal(r.GetInt64(1), r.GetInt64(0)); // per call it was a row per key per call that had it: 8 calls
        }
    }

    [Fact]
    public async Task A_rolled_back_session_of_several_write_calls_leaves_no_rollup_row_and_the_next_session_stores_its_spellings()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        await WriteAsync(store, RandomEvents(22, 200), 50);
        var rows = RollupRows();
        // New people and hosts, written in three calls and rolled back: no row, spelling or host of theirs stays.
        var fresh = RandomEvents(23, 150).Where(e => e.Finding is null).Select((e, i) => e with
        {
            Id = EventIdentity.Compute("fresh", i, "f" + i),
            UserName = $"New.{i % 40}",
            Url = e.Url with { Domain = $"h{i % 30}.new.example", RegisteredDomain = "new.example" },
        }).ToList();
        using (var session = store.Writer.Begin())
        {
            foreach (var call in fresh.Chunk(50)) await session.WriteEventsAsync(call, None);
            // disposed without a commit
        }
        Assert.Equal(rows, RollupRows());
        Assert.Equal(0, Disagreements());
        // The same events in the next session: stored with their spellings and hosts, which the rolled-back session did not keep.
        using (var session = store.Writer.Begin())
        {
            await session.WriteEventsAsync(fresh, None);
            await session.CommitAsync(None);
        }
        Assert.True(RollupRows() > rows);
        Assert.Equal(0, Disagreements());
    }

    /// <summary>Events of few keys (a person, a site and the rest as one of three), every few minutes over hours from
    /// <see cref="Base"/>: what a live feed's many small sessions write again and again within an hour.</summary>
    private static List<NetEvent> RepeatedEvents(int seed, int count, Duration every)
    {
        var templates = RandomEvents(seed, 30).Where(e => e.Finding is null).Take(3).ToArray();
        return [.. Enumerable.Range(0, count).Select(i => templates[i % 3] with
        {
            Id = EventIdentity.Compute("repeated", i, "r" + i),
            Timestamp = Base + every * i + Duration.FromSeconds(1),
        })];
    }

    [Fact]
    public async Task An_hour_written_by_many_small_sessions_is_compacted_to_one_row_per_key_once_the_events_are_past_it()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        // Three keys, an event a minute for five hours in sessions of 4: each hour's key has a row from each of ~15 sessions.
        var events = RepeatedEvents(5, 300, Duration.FromMinutes(1));
        await WriteAsync(store, events, 4); // as the live service: a few events a session
        Assert.Equal(0, Disagreements());
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        var newestHour = RollupWriter.HourOf(events[^1].Timestamp);
        foreach (var table in RollupTables.All)
        {
            // The periods that ended more than an hour before the newest events (a table of days: the days before the last),
            // and a day still open compacted as far as the last hour the events reached (so: every period but the newest hour's).
            var past = (table.Grain == RollupGrain.Hour ? newestHour - Duration.FromHours(1) : table.PeriodOf(newestHour)).ToDateTimeUtc();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT {RollupTable.Hour}, {string.Join(", ", table.Keys.Select(k => k.Name))}
                                                       FROM {table.Name} WHERE {RollupTable.Hour} < $past))
                FROM {table.Name} WHERE {RollupTable.Hour} < $past
                """;
            command.Parameters.Add(new DuckDBParameter("past", past));
            using var r = command.ExecuteReader();
            r.Read();
            Assert.True(r.GetInt64(0) > 0, table.Name);
            Assert.Equal(r.GetInt64(1), r.GetInt64(0));
        }
    }

    [Fact]
    public async Task Hours_whose_keys_small_sessions_rarely_repeat_keep_few_rows_beyond_one_per_key_and_their_sums()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        var events = RandomEvents(5, 600).Where(e => e.Finding is null).OrderBy(e => e.Timestamp).ToList();
        await WriteAsync(store, events, 4);
        Assert.Equal(0, Disagreements());
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        var past = (RollupWriter.HourOf(events[^1].Timestamp) - Duration.FromHours(1)).ToDateTimeUtc();
        foreach (var table in new[] { RollupTables.Events, RollupTables.People })
        {
            // A compaction is skipped where it would remove less than a quarter of a period's rows: the rows stay under 4/3 a key.
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*), count(DISTINCT ({RollupTable.Hour}, {string.Join(", ", table.Keys.Select(k => k.Name))}))
                FROM {table.Name} WHERE {RollupTable.Hour} < $past
                """;
            command.Parameters.Add(new DuckDBParameter("past", past));
            using var r = command.ExecuteReader();
            r.Read();
            Assert.True(r.GetInt64(0) * 3 < r.GetInt64(1) * 4, $"{table.Name}: {r.GetInt64(0)} rows for {r.GetInt64(1)} keys");
        }
    }

    [Fact]
    public async Task A_batch_of_a_thousand_new_people_and_hosts_stores_every_spelling_and_host_once()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        // More new values than one statement takes, some twice in the batch, and some again in the next session.
        var events = RandomEvents(12, 1_200).Where(e => e.Finding is null).Select((e, i) => e with
        {
            UserName = $"Person.{i % 700}",
            Url = e.Url with { Domain = $"h{i % 650}.site{i % 3}.example", RegisteredDomain = $"site{i % 3}.example" },
        }).ToList();
        await WriteAsync(store, events, 1_000);
        Assert.Equal(0, Disagreements());
        Assert.Equal(0L, SideValuesStoredTwice(_dir.File(DuckDbStore.FileName)));
    }

    [Fact]
    public async Task A_store_reopened_stores_no_spelling_or_host_again_that_it_held_before()
    {
        // The writer inserts only the values it does not know, and knows what the tables held when it first wrote:
        // the second process's sessions bring the first one's people and hosts again, and new ones.
        var events = RandomEvents(13, 600).Where(e => e.Finding is null).Select((e, i) => e with
        {
            UserName = $"Person.{i % 300}",
            Url = e.Url with { Domain = $"h{i % 250}.site{i % 3}.example", RegisteredDomain = $"site{i % 3}.example" },
        }).ToList();
        using (var store = DuckDbStore.Open(_dir.Path)) await WriteAsync(store, events.Take(300).ToList(), 100);
        using (var store = DuckDbStore.Open(_dir.Path)) await WriteAsync(store, events.Skip(300).ToList(), 100);
        Assert.Equal(0, Disagreements());
        Assert.Equal(0L, SideValuesStoredTwice(_dir.File(DuckDbStore.FileName)));
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
        AssertInTableOrder(_dir.File(DuckDbStore.FileName));
    }

    /// <summary>Each roll-up filled in its table's order (its sort columns as stored, row after row), so that zone maps
    /// skip row groups.</summary>
    private static void AssertInTableOrder(string file)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        foreach (var table in RollupTables.All)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT list(({table.Order}) ORDER BY rowid)::VARCHAR = list(({table.Order}) ORDER BY {table.Order})::VARCHAR FROM {table.Name}";
            Assert.True(command.ExecuteScalar() is true, table.Name);
        }
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
            Owe(connection, "organization_id IS NULL OR (organization_id = 'urn-2' AND \"@timestamp\" < TIMESTAMP '2026-10-25 12:00:00')");
        }
        Assert.True(Owed() > 0);
        Assert.True(Disagreements() > 0);
        using (DuckDbStore.Open(_dir.Path)) { }
        Assert.Equal(0, Owed());
        Assert.Equal(0, Disagreements());
    }

    /// <summary>
    /// Leaves owed the (school, UTC hour)s of the events <paramref name="eventsWhere"/> selects: their pairs in
    /// rollup_pending and their roll-up rows deleted (a table of days: the pair's whole day), as the write side leaves
    /// events stored while their roll-ups are not counted yet.
    /// </summary>
    internal static void Owe(DuckDBConnection connection, string eventsWhere)
    {
        connection.Execute($"""
            INSERT INTO {RollupPending.Table} (organization_id, hour) SELECT DISTINCT organization_id, date_trunc('hour', "@timestamp") FROM events
            WHERE netwatch_finding IS NULL AND ({eventsWhere})
            """);
        foreach (var table in RollupTables.All)
            connection.Execute($"""
                DELETE FROM {table.Name} USING {RollupPending.Table} AS owed
                WHERE {table.Name}.hour = date_trunc('{table.Unit}', owed.hour) AND {table.Name}.organization_id IS NOT DISTINCT FROM owed.organization_id
                """);
    }

    /// <summary>
    /// The close's recount over random events: imported alone, every roll-up equals counting the events and is stored in
    /// its order; imported into hours the service wrote already, of another school, with values the import's hours do not
    /// have (a verdict and a category of its own), the service's rows stay right too.
    /// </summary>
    [Property(MaxTest = 4)]
    public void An_imports_recount_equals_counting_the_events_alone_and_beside_hours_the_service_wrote(PositiveInt seed)
    {
        static List<NetEvent> Imported(int seed, string source) => [.. RandomEvents(seed, 300).Select(e =>
            e with { Id = EventIdentity.Compute(source, e.Origin.LineNumber, source + e.Origin.LineNumber) })];
        using (var alone = new TempDirectory())
        {
            using (var import = DuckDbStore.Open(alone.Path, rollupsAtClose: true)) WriteAsync(import, Imported(seed.Get, "import"), 70).GetAwaiter().GetResult();
            Assert.Equal(0, Disagreements(alone.File(DuckDbStore.FileName)));
            AssertInTableOrder(alone.File(DuckDbStore.FileName));
        }
        using (var live = DuckDbStore.Open(_dir.Path))
        {
            var own = RandomEvents(seed.Get + 1, 200).Select(e => e with
            {
                Organization = new Organization { Id = "urn-live", Name = "live" },
                Policy = new PolicyDecision { Verdict = "live-only", PolicyName = "000" },
                Classification = new Classification { Categories = ["live-only"] },
            }).ToList();
            WriteAsync(live, own, 50).GetAwaiter().GetResult();
        }
        using (var import = DuckDbStore.Open(_dir.Path, rollupsAtClose: true)) WriteAsync(import, Imported(seed.Get, "import"), 70).GetAwaiter().GetResult();
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
        AssertSameAnswers(plain, rolled);
    }

    /// <summary>Every aggregate (each dimension, by local day and hour and not at all), count and person's pages of
    /// <see cref="Filters"/> equal from <paramref name="plain"/> (the events) and <paramref name="rolled"/> (the roll-ups where they answer).</summary>
    internal static void AssertSameAnswers(DuckDbStore plain, DuckDbStore rolled)
    {
        var filters = Filters();
        var queries = new List<AggregateQuery>();
        foreach (var filter in filters)
            foreach (var by in Enum.GetValues<AggregateDimension>())
                foreach (var bucket in new[] { TimeBucket.None, TimeBucket.Day, TimeBucket.Hour })
                    queries.Add(new AggregateQuery { Name = $"{queries.Count}", Filter = filter, By = by, Bucket = bucket, Zone = London, Top = by == AggregateDimension.Category ? 2 : null });
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

    internal static string Show(IReadOnlyList<AggregateResult> results) => string.Join("\n", results.Select(r => r.Name + ": " + string.Join("; ",
        r.Rows.Select(x => $"{x.BucketStart} {x.BucketLabel} {x.Key} {x.Requests} {x.Bytes} {x.VisitMinutes} {x.First} {x.Last}"))));

    /// <summary>Questions over <see cref="RandomEvents"/>: filters the roll-ups answer (whole hours, whole UTC days, each
    /// table's columns) and some they do not (ranges off the hour).</summary>
    private static EventQuery[] Filters()
    {
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
            // Who visited a site over whole UTC days (the table of days), and off the day (the table of hours): as a
            // registered domain, as a host under it, and as a host with none.
            new() { Domain = "games.com", From = from, To = from + Duration.FromDays(2), Findings = false },
            new() { Domain = "M.games.com", From = from, To = from + Duration.FromDays(1), School = "urn-1" },
            new() { Domain = "10.0.0.1", From = from - Duration.FromDays(1), To = from + Duration.FromDays(1), Findings = false },
            new() { Domain = "bbc.co.uk", From = from + Duration.FromHours(1), To = from + Duration.FromDays(1) },
            new() { Person = "P1", From = from, To = from + Duration.FromDays(2) },
        ];
        return filters;
    }

    [Fact]
    public void A_site_question_over_whole_utc_days_is_answered_by_the_table_of_days_a_person_question_by_the_table_sorted_by_person()
    {
        var day = Instant.FromUtc(2026, 11, 2, 0, 0);
        var visitors = new EventQuery { Domain = "kahoot.it", From = day, To = day + Duration.FromDays(30), School = "urn-1", Findings = false };
        Assert.Same(RollupTables.Sites, RollupChoice.For(visitors, AggregateDimension.Person, []));
        Assert.Same(RollupTables.Sites, RollupChoice.For(visitors with { Domain = null }, AggregateDimension.RegisteredDomain, [day, day + Duration.FromDays(7)]));
        Assert.Same(RollupTables.Sites, RollupChoice.For(new EventQuery { Person = "p1", Domain = "games.com", From = day, To = day + Duration.FromDays(1) }, AggregateDimension.None, []));
        // A person's question: the table sorted by person (its rows in a few row groups), though the days would answer.
        Assert.Same(RollupTables.People, RollupChoice.For(new EventQuery { Person = "p1", From = day, To = day + Duration.FromDays(1) }, AggregateDimension.None, []));
        // Off a UTC midnight (a London day in summer), by hours, or with a column the days do not keep: the table of hours.
        Assert.Same(RollupTables.People, RollupChoice.For(visitors with { From = day - Duration.FromHours(1) }, AggregateDimension.Person, []));
        Assert.Same(RollupTables.People, RollupChoice.For(visitors, AggregateDimension.Person, [day, day + Duration.FromHours(1)]));
        Assert.Same(RollupTables.People, RollupChoice.For(visitors with { Verdict = "personal" }, AggregateDimension.Person, []));
        // What the table of hours of dashboards has stays there.
        Assert.Same(RollupTables.Events, RollupChoice.For(new EventQuery { From = day, To = day + Duration.FromDays(7), School = "urn-1" }, AggregateDimension.Role, []));
    }

    [Fact]
    public async Task A_day_the_live_service_writes_in_many_small_sessions_is_compacted_once_an_hour_and_left_equal_to_the_events()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        // One UTC day, events every few minutes in sessions of 3: many batches per hour, the day open throughout.
        var day = Instant.FromUtc(2026, 11, 3, 0, 0);
        var events = RandomEvents(11, 240).Where(e => e.Finding is null).Select((e, i) => e with { Timestamp = day + Duration.FromMinutes(5 * i + 1) })
            .ToList();
        await WriteAsync(store, events, 3);
        Assert.Equal(0, Disagreements());
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*), (SELECT count(*) FROM (SELECT DISTINCT {string.Join(", ", RollupTables.Sites.Keys.Select(k => k.Name))} FROM {RollupTables.Sites.Name}))
            FROM {RollupTables.Sites.Name}
            """;
        using var r = command.ExecuteReader();
        r.Read();
        // Without compaction a key has a row per session that had it (80 sessions); compacted each hour when that removes a
        // quarter of the rows or more, at most a third more rows than keys, and the sessions of the last hour add rows of
        // their own (12 sessions of 3 events: at most 36).
        Assert.True(r.GetInt64(0) * 3 <= r.GetInt64(1) * 4 + 36 * 3, $"{r.GetInt64(0)} rows for {r.GetInt64(1)} keys");
    }

    /// <summary>The first three pages of a search, 7 events a page: the ids of each page and its next cursor.</summary>
    internal static string Pages(DuckDbStore store, EventQuery query)
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
