using DuckDB.NET.Data;
using NetWatch.Storage.Writing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A background checkpoint started while the store stage is behind leaves part-filled row groups as they are (no
/// DuckDB vacuum), one started while it keeps up merges them a bounded number at a time, and neither leaves the database's
/// setting changed for later checkpoints (the close's, which merges all).
/// </summary>
public sealed class BackgroundCheckpointMergeTests : IDisposable
{
    private const int RowGroup = 122_880;
    private readonly TempDirectory _dir = new();

    /// <summary>
    /// Three commits of a row group and 100 rows each: DuckDB writes each as a full and a nearly empty row group (a
    /// behind session's shape), six in all, which its vacuum merges (four of them into three).
    /// </summary>
    private DuckDBConnection ThreeBehindShapedCommits()
    {
        var connection = StoreFile.Connect(_dir.Path);
        connection.Execute("SET checkpoint_threshold = '1GB'");
        connection.Execute("CREATE TABLE t (i BIGINT, s VARCHAR)");
        for (var commit = 0; commit < 3; commit++)
            connection.Execute($"INSERT INTO t SELECT range, 'row ' || range FROM range({commit * 1_000_000}, {commit * 1_000_000 + RowGroup + 100})");
        return connection;
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static long RowGroups(DuckDBConnection connection) =>
        Scalar(connection, "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('t')");

    private async Task<long> RowGroupsAfterCheckpoint(bool behind)
    {
        using var connection = ThreeBehindShapedCommits();
        using (var checkpoint = new BackgroundCheckpoint(_dir.Path, walBytes: 0, behind: () => behind))
        {
            Assert.True(checkpoint.StartIfDue());
            await checkpoint.WaitAsync(CancellationToken.None);
            Assert.Equal(1, checkpoint.Completed);
        }
        Assert.Equal(3L * (RowGroup + 100), Scalar(connection, "SELECT count(*) FROM t"));
        Assert.Equal(100L, Scalar(connection, "SELECT CAST(current_setting('max_vacuum_tasks') AS BIGINT)"));
        return RowGroups(connection);
    }

    [Fact]
    public async Task A_checkpoint_started_behind_leaves_the_part_filled_row_groups()
    {
        Assert.Equal(6, await RowGroupsAfterCheckpoint(behind: true));
    }

    [Fact]
    public async Task A_checkpoint_started_keeping_up_merges_them()
    {
        Assert.True(await RowGroupsAfterCheckpoint(behind: false) < 6);
    }

    /// <summary>A background checkpoint of the file in <see cref="_dir"/>, waited for.</summary>
    private async Task CheckpointAsync(bool behind)
    {
        using var checkpoint = new BackgroundCheckpoint(_dir.Path, walBytes: 0, behind: () => behind);
        Assert.True(checkpoint.StartIfDue());
        await checkpoint.WaitAsync(CancellationToken.None);
        Assert.Equal(1, checkpoint.Completed);
    }

    /// <summary>Row groups left after each of <paramref name="checkpoints"/> checkpoints keeping up (a row written to another table
    /// before each: DuckDB skips a checkpoint with nothing in the WAL), on what <paramref name="sessions"/> behind checkpoints left, each
    /// after a commit of a row group and 100 rows (a behind session's shape); or, <paramref name="background"/> false, after
    /// DuckDB's own CHECKPOINT instead (its default: merge all).</summary>
    private async Task<List<long>> AfterBehindSpellAsync(int sessions, int checkpoints, bool background)
    {
        using var connection = StoreFile.Connect(_dir.Path);
        connection.Execute("SET checkpoint_threshold = '1GB'");
        connection.Execute("CREATE TABLE t (i BIGINT, s VARCHAR)");
        for (var session = 0; session < sessions; session++)
        {
            connection.Execute($"INSERT INTO t SELECT range, 'row ' || range FROM range({session * 1_000_000}, {session * 1_000_000 + RowGroup + 100})");
            await CheckpointAsync(behind: true);
        }
        connection.Execute("CREATE TABLE other (i BIGINT)");
        var rowGroups = new List<long> { RowGroups(connection) };
        for (var i = 0; i < checkpoints; i++)
        {
            // Into another table: t's row groups then change by the merges alone.
            connection.Execute($"INSERT INTO other VALUES ({i})");
            if (background) await CheckpointAsync(behind: false);
            else connection.Execute("CHECKPOINT");
            rowGroups.Add(RowGroups(connection));
        }
        Assert.Equal(sessions * (RowGroup + 100L), Scalar(connection, "SELECT count(*) FROM t"));
        Assert.Equal(100L, Scalar(connection, "SELECT CAST(current_setting('max_vacuum_tasks') AS BIGINT)"));
        connection.Execute("DROP TABLE t");
        connection.Execute("DROP TABLE other");
        return rowGroups;
    }

    [Fact]
    public async Task Checkpoints_keeping_up_merge_a_behind_spells_row_groups_a_bounded_number_at_a_time_until_all_are()
    {
        // DuckDB's own first checkpoint merges three times (4 row groups into 3 each), a bounded one once.
        const int sessions = 6, checkpoints = 8;
        var all = await AfterBehindSpellAsync(sessions, checkpoints, background: false);
        var bounded = await AfterBehindSpellAsync(sessions, checkpoints, background: true);
        Assert.Equal(2 * sessions, all[0]); // the behind checkpoints merged none
        Assert.Equal(all[0], bounded[0]);
        // DuckDB's own checkpoint merges every one it can at once; the first bounded one some, not all, and later ones the rest.
        Assert.True(bounded[1] < bounded[0], $"the first checkpoint keeping up merged none: {string.Join(", ", bounded)} against {string.Join(", ", all)}");
        Assert.True(bounded[1] > all[1], $"the first checkpoint keeping up merged as many as DuckDB's own: {string.Join(", ", bounded)} against {string.Join(", ", all)}");
        Assert.Equal(all[^1], bounded[^1]);
    }

    public void Dispose() => _dir.Dispose();
}
