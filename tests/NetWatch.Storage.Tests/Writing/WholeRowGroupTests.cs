using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Writing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A bulk import's store (<c>wholeRowGroups</c>) puts events into the table in whole row groups only, holding the rest until
/// a later session fills one or the store closes: every event committed is stored once, the table's row groups are full
/// but the last, and a rolled-back session holds nothing back.
/// </summary>
public class WholeRowGroupTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private const int RowGroup = RowGroupCheckpoints.RowGroupSize;
    private static readonly CancellationToken None = CancellationToken.None;

    private static List<NetEvent> Lines(int from, int count) => Enumerable.Range(from, count).Select(i => TestEvents.Minimal(i)).ToList();

    private static async Task<int> WriteAsync(DuckDbStore store, List<NetEvent> events, bool commit = true)
    {
        using var session = store.Writer.Begin();
        var stored = (await session.WriteEventsAsync(events, None)).New.Count;
        if (commit) await session.CommitAsync(None);
        return stored;
    }

    private long Scalar(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private long InTable => Scalar("SELECT count(*) FROM events_narrow");

    [Fact]
    public async Task Events_reach_the_table_in_whole_row_groups_and_the_rest_at_the_close_each_once()
    {
        using (var store = DuckDbStore.Open(_dir.Path, rollupsAtClose: true, wholeRowGroups: true))
        {
            Assert.Equal(50_000, await WriteAsync(store, Lines(1, 50_000)));
            Assert.Equal(0, InTable);                                   // held: under a row group
            Assert.Equal(50_000, await WriteAsync(store, Lines(50_001, 50_000)));
            Assert.Equal(0, InTable);
            // Ten of the held events again, with new ones: the held ten are known, not stored twice.
            Assert.Equal(50_000, await WriteAsync(store, [.. Lines(99_991, 10), .. Lines(100_001, 50_000)]));
            Assert.Equal(RowGroup, InTable);                            // 150,000 committed: one whole row group in the table
            Assert.Equal(0, await WriteAsync(store, Lines(1, 10)));     // in the table already
            Assert.Equal(20_000, await WriteAsync(store, Lines(150_001, 20_000), commit: false)); // rolled back
            Assert.Equal(100_000, await WriteAsync(store, Lines(150_001, 100_000)));
            Assert.Equal(2 * RowGroup, InTable);
        }
        Assert.Equal(250_000, InTable);
        Assert.Equal(250_000, Scalar("SELECT count(DISTINCT id) FROM events"));
        Assert.Equal(250_000, Scalar("SELECT max(origin_line) FROM events"));
        // Every row group full but the last (no part-filled one for a checkpoint to merge).
        Assert.Equal(0, Scalar($"""
            SELECT count(*) FROM (SELECT row_group_id, max(count) AS n FROM pragma_storage_info('events_narrow') GROUP BY ALL)
            WHERE n < {RowGroup} AND row_group_id < (SELECT max(row_group_id) FROM pragma_storage_info('events_narrow'))
            """));
        // The roll-ups counted at the close count the held events too.
        Assert.Equal(250_000, Scalar("SELECT sum(requests)::BIGINT FROM rollup_events"));
    }

    [Fact]
    public async Task A_session_that_writes_what_depends_on_its_events_stores_them_all_first()
    {
        using var store = DuckDbStore.Open(_dir.Path, rollupsAtClose: true, wholeRowGroups: true);
        using var session = store.Writer.Begin();
        await session.WriteEventsAsync(Lines(1, 1_000), None);
        await session.SaveCheckpointAsync(new Storage.Contracts.Checkpoints.Checkpoint("a.log", "file", "{}"),
            new Storage.Contracts.Checkpoints.CheckpointTotals(1_000, 1_000, 0, 0), None);
        await session.CommitAsync(None);
        Assert.Equal(1_000, InTable);
    }

    public void Dispose() => _dir.Dispose();
}
