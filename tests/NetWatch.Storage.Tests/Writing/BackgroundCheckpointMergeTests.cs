using DuckDB.NET.Data;
using NetWatch.Storage.Writing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// A background checkpoint started while the store stage is behind leaves part-filled row groups as they are (no
/// DuckDB vacuum), one started while it keeps up merges them as DuckDB does by default, and neither leaves the database's
/// setting changed for later checkpoints (the close's).
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

    public void Dispose() => _dir.Dispose();
}
