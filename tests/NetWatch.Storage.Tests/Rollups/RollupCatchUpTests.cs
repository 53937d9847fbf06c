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
/// owed session (at its begin) besides its own events, and the close or the next open counts what is left. Each way the roll-ups end
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

    private long Scalar(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private long OwedSessions() => Scalar($"SELECT count(DISTINCT {RollupPending.Session}) FROM {RollupPending.Table}");

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
        Assert.Equal(0, OwedSessions());
        Assert.Equal(0, RollupTests.Disagreements(File));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(File));
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
        Assert.Equal(0, OwedSessions());
        Assert.Equal(0, RollupTests.Disagreements(File));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(File));
    }

    [Fact]
    public async Task Sessions_left_owed_are_counted_at_the_close()
    {
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            await SessionAsync(store, Events(50, 200, "kept"));
            Behind(store, true);
            for (var s = 0; s < 3; s++) await SessionAsync(store, Events(51 + s, 150, "behind" + s));
            Assert.Equal(3, OwedSessions());
        }
        Assert.Equal(0, OwedSessions());
        Assert.Equal(0, RollupTests.Disagreements(File));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(File));
    }

    [Fact]
    public async Task Sessions_a_killed_service_left_owed_are_counted_when_the_store_next_opens_and_numbers_are_not_given_again()
    {
        using var killed = new TempDirectory();
        using (var store = DuckDbStore.Open(_dir.Path))
        {
            await SessionAsync(store, Events(60, 200, "kept"));
            Behind(store, true);
            for (var s = 0; s < 2; s++) await SessionAsync(store, Events(61 + s, 150, "behind" + s));
            // What a kill leaves: the files as the commits left them (the WAL holds what no checkpoint wrote yet).
            foreach (var file in Directory.GetFiles(_dir.Path)) System.IO.File.Copy(file, Path.Combine(killed.Path, Path.GetFileName(file)));
        }
        var copy = Path.Combine(killed.Path, DuckDbStore.FileName);
        Assert.True(RollupTests.Disagreements(copy) > 0);
        using (var store = DuckDbStore.Open(killed.Path))
        {
            Assert.Equal(0, RollupTests.Disagreements(copy));
            // A session behind after the restart takes a number no event carries yet: its catch-up counts its events alone.
            Behind(store, true);
            await SessionAsync(store, Events(63, 150, "after"));
            Behind(store, false);
            await SessionAsync(store, Events(64, 100, "up"));
        }
        Assert.Equal(0, RollupTests.Disagreements(copy));
        Assert.Equal(0, RollupTests.SideValuesStoredTwice(copy));
    }
}
