using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Rollups;

/// <summary>
/// The live writer's sessions begun behind (<see cref="IBehindAware"/>) leave their roll-ups owed: no roll-up row, their
/// (school, hour) pairs in rollup_pending with the session, committed with their events; a session keeping up counts one
/// owed session (at its begin) besides its own events, and the close counts what is left in groups for a bounded time
/// (the next open counts none of them: the next run's sessions keeping up do). Each way the roll-ups end
/// equal to counting the events, the spellings and hosts each stored once.
/// </summary>
public sealed class RollupCatchUpTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string File => _dir.File(DuckDbStore.FileName);

    /// <summary>Random events (findings among them) whose ids are their own: <paramref name="tag"/> sets them apart from other
    /// calls'; people and hosts of their own too, named by <paramref name="values"/> (default: the tag), so that a catch-up
    /// stores spellings and hosts no session stored before.</summary>
    private static List<NetEvent> Events(int seed, int count, string tag, string? values = null) =>
        RollupTests.RandomEvents(seed, count).Select((e, i) => e with
        {
            Id = EventIdentity.Compute(tag, e.Origin.LineNumber, tag),
            UserName = e.UserName is null ? null : $"{values ?? tag}.P{i % 7}",
            Url = e.Url with { Domain = $"h{i % 5}.{values ?? tag}.example", RegisteredDomain = $"{values ?? tag}.example" },
        }).ToList();

    /// <summary>One committed session of these events, the findings as findings.</summary>
    private static async Task SessionAsync(DuckDbStore store, IReadOnlyList<NetEvent> events)
    {
        using var session = store.Writer.Begin();
        await session.WriteEventsAsync([.. events.Where(e => e.Finding is null)], None);
        await session.WriteFindingsAsync([.. events.Where(e => e.Finding is not null)], None);
        await session.CommitAsync(None);
    }

    private static void Behind(DuckDbStore store, bool behind) => ((IBehindAware)store.Writer).Behind(behind);

    /// <summary>A session kept up, then <paramref name="sessions"/> sessions behind (the store left told so), seeds from <paramref name="seed"/>.</summary>
    private static async Task OweAsync(DuckDbStore store, int seed, int sessions)
    {
        await SessionAsync(store, Events(seed, 200, "kept"));
        Behind(store, true);
        for (var s = 0; s < sessions; s++) await SessionAsync(store, Events(seed + 1 + s, 150, "behind" + s));
    }

    /// <summary>Nothing owed, the roll-ups equal the events' count, each spelling and host stored once.</summary>
    private static void AllCounted(string file)
    {
        Assert.Equal(0, OwedSessionsIn(file));
        Assert.Equal(0, RollupTests.Disagreements(file));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(file));
    }

    private long Scalar(string sql) => Scalar(File, sql);

    private static long Scalar(string file, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={file}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private long OwedSessions() => OwedSessionsIn(File);

    private static long OwedSessionsIn(string file) => Scalar(file, $"SELECT count(DISTINCT {RollupPending.Session}) FROM {RollupPending.Table}");

    private long RollupRows() => Scalar("SELECT " + string.Join(" + ", RollupTables.All.Select(t => $"(SELECT count(*) FROM {t.Name})")));

    /// <summary>The (school, hour) pairs of an owed session's events (findings aside) that rollup_pending does not hold with it.</summary>
    private long PairsNotOwed() => Scalar($"""
        SELECT count(*) FROM (
            SELECT DISTINCT organization_id, date_trunc('hour', "@timestamp"), {EventTables.OwedColumn} FROM {EventTables.WithOwed}
            WHERE netwatch_finding IS NULL AND {EventTables.OwedColumn} IN (SELECT {RollupPending.Session} FROM {RollupPending.Table})
            EXCEPT SELECT organization_id, {RollupTable.Hour}, {RollupPending.Session} FROM {RollupPending.Table})
        """);

    [Fact]
    public async Task Sessions_behind_owe_their_rollups_and_each_session_keeping_up_counts_one_of_them_once()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        await SessionAsync(store, Events(1, 200, "kept"));
        Assert.Equal(0, RollupTests.Disagreements(File));
        var rows = RollupRows();

        Behind(store, true);
        for (var s = 0; s < 3; s++) await SessionAsync(store, Events(10 + s, 150, "behind" + s));
        using (var rolledBack = store.Writer.Begin())
            await rolledBack.WriteEventsAsync(Events(20, 50, "never").Where(e => e.Finding is null).ToList(), None);
        Assert.Equal(rows, RollupRows());          // no roll-up row written behind...
        Assert.Equal(3, OwedSessions());           // ...each committed session owes them (the rolled-back one nothing),
        Assert.Equal(0, PairsNotOwed());           // every pair of their events pending, for the readers
        Assert.True(RollupTests.Disagreements(File) > 0);

        Behind(store, false);
        // A session keeping up counts its own events and the oldest owed session, no more.
        await SessionAsync(store, Events(30, 150, "up0"));
        Assert.Equal(2, OwedSessions());
        Assert.Equal(0, PairsNotOwed());
        Assert.True(RollupTests.Disagreements(File) > 0);
        await SessionAsync(store, Events(31, 150, "up1"));
        await SessionAsync(store, Events(32, 150, "up2"));
        AllCounted(File);
        // Counted once: a later session with the people and hosts a catch-up stored adds none of them again (the writer's
        // known values include the catch-ups').
        await SessionAsync(store, Events(33, 150, "up3", values: "behind0"));
        Assert.Equal(0, RollupTests.Disagreements(File));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(File));
    }

    [Fact]
    public async Task A_rolled_back_session_keeping_up_leaves_its_owed_session_owed_for_the_next()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        Behind(store, true);
        await SessionAsync(store, Events(40, 200, "behind"));
        Behind(store, false);
        // Its catch-up step (at its begin) goes with its rollback: the session is owed again, its spellings not known stored.
        using (var rolledBack = store.Writer.Begin())
            await rolledBack.WriteEventsAsync(Events(41, 50, "never").Where(e => e.Finding is null).ToList(), None);
        Assert.Equal(1, OwedSessions());
        await SessionAsync(store, Events(42, 100, "up"));
        AllCounted(File);
    }

    [Fact]
    public async Task Sessions_left_owed_are_counted_at_the_close()
    {
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            await OweAsync(store, 50, 3);
            Assert.Equal(3, OwedSessions());
        }
        AllCounted(File);
    }

    /// <summary>
    /// A service that owed <paramref name="sessions"/> sessions killed before its close: the store's files as the commits left
    /// them (the WAL holds what no checkpoint wrote yet), copied to a new directory.
    /// </summary>
    private async Task<TempDirectory> KilledOwingAsync(int seed, int sessions)
    {
        var killed = new TempDirectory();
        using var store = DuckDbStore.Open(_dir.Path);
        await OweAsync(store, seed, sessions);
        foreach (var file in Directory.GetFiles(_dir.Path)) System.IO.File.Copy(file, Path.Combine(killed.Path, Path.GetFileName(file)), overwrite: true);
        return killed;
    }

    [Fact]
    public async Task Sessions_a_killed_service_left_owed_stay_owed_at_the_next_open_and_its_sessions_keeping_up_count_them_once()
    {
        using var killed = await KilledOwingAsync(60, 2);
        var copy = Path.Combine(killed.Path, DuckDbStore.FileName);
        Assert.True(RollupTests.Disagreements(copy) > 0);
        using (var store = DuckDbStore.Open(killed.Path))
        {
            // The open waits for no owed tail: both sessions still owed (readers answer from the events meanwhile).
            Assert.Equal(2, OwedSessionsIn(copy));
            // A session behind after the restart takes a number no event carries yet: its catch-up counts its events alone.
            Behind(store, true);
            await SessionAsync(store, Events(63, 150, "after"));
            Behind(store, false);
            for (var s = 0; s < 3; s++) await SessionAsync(store, Events(64 + s, 100, "up" + s));
            Assert.Equal(0, OwedSessionsIn(copy));
            Assert.Equal(0, RollupTests.Disagreements(copy));
        }
        AllCounted(copy);
    }

    [Fact]
    public async Task Owed_sessions_are_grouped_in_order_by_their_events_and_groups_counted_give_the_events_count()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        await SessionAsync(store, Events(70, 200, "kept"));
        Behind(store, true);
        for (var s = 0; s < 5; s++) await SessionAsync(store, Events(71 + s, 150, "behind" + s, values: s % 2 == 0 ? "even" : "odd"));
        using var connection = new DuckDBConnection($"Data Source={File}");
        connection.Open();
        // 150 events a session (findings too): at most 300 a group holds two consecutive sessions, the last alone.
        var groups = OwedGroup.All(connection, maxEvents: 300);
        Assert.Equal([[1, 2], [3, 4], [5]], groups.Select(g => g.Sessions.ToArray()).ToArray());
        // One larger than the bound alone is a group of its own.
        Assert.Equal(5, OwedGroup.All(connection, maxEvents: 10).Count);
        foreach (var group in groups)
        {
            using var step = connection.BeginTransaction();
            RollupCatchUp.Count(connection, group);
            step.Commit();
        }
        AllCounted(File);
    }

    [Fact]
    public async Task A_close_whose_budget_ran_out_leaves_the_rest_owed_for_the_next_run_to_count_once()
    {
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            await OweAsync(store, 80, 3);
            store.OwedSessionsAtClose = TimeSpan.Zero;
        }
        Assert.Equal(3, OwedSessions());
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            Assert.Equal(3, OwedSessions());
            await SessionAsync(store, Events(84, 100, "up0"));
            Assert.Equal(2, OwedSessions());
        }
        // The close's budget (the default) counts the two left.
        AllCounted(File);
    }

    [Fact]
    public async Task An_imports_hours_are_counted_at_the_next_open_without_the_events_of_sessions_still_owed_counted_twice()
    {
        using var killed = await KilledOwingAsync(90, 2);
        // An import into what the killed service left, itself killed: its hours owed whole, some of them the sessions' too.
        using var both = new TempDirectory();
        using (var import = DuckDbStore.Open(killed.Path, rollupsAtClose: true))
        {
            await SessionAsync(import, Events(94, 200, "import"));
            foreach (var file in Directory.GetFiles(killed.Path)) System.IO.File.Copy(file, Path.Combine(both.Path, Path.GetFileName(file)));
        }
        var copy = Path.Combine(both.Path, DuckDbStore.FileName);
        Assert.True(Scalar(copy, $"SELECT count(*) FROM {RollupPending.Table} WHERE {RollupPending.Session} IS NULL") > 0);
        using (var store = DuckDbStore.Open(both.Path))
        {
            // The open counted the import's hours; the sessions stay owed, their events left to their catch-up.
            Assert.Equal(0, Scalar(copy, $"SELECT count(*) FROM {RollupPending.Table} WHERE {RollupPending.Session} IS NULL"));
            Assert.Equal(2, OwedSessionsIn(copy));
            for (var s = 0; s < 2; s++) await SessionAsync(store, Events(95 + s, 100, "up" + s));
            Assert.Equal(0, OwedSessionsIn(copy));
            Assert.Equal(0, RollupTests.Disagreements(copy));
        }
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(copy));
    }

    [Fact]
    public async Task A_group_that_fails_at_the_close_leaves_its_sessions_owed_and_is_reported()
    {
        var errors = new StringWriter();
        long rows;
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            await OweAsync(store, 100, 3);
            store.CloseErrors = errors;
            rows = RollupRows();
            // The group's last statements need this table: it fails after its roll-up rows went in.
            using var connection = new DuckDBConnection($"Data Source={File}");
            connection.Open();
            connection.Execute($"DROP TABLE {RollupHosts.Name}");
        }
        Assert.Contains("could not count the owed roll-ups", errors.ToString());
        Assert.Contains(RollupHosts.Name, errors.ToString());
        Assert.Equal(3, OwedSessions());
        Assert.Equal(rows, RollupRows()); // the group's roll-up rows rolled back with it
        using (var store = DuckDbStore.Open(_dir.Path)) { } // the table made again at the open, the sessions counted at the close
        AllCounted(File);
    }
}
