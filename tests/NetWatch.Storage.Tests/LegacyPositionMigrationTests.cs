using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

/// <summary>
/// A store written before checkpoints kept each file or syslog source's position in a source_positions table. Opened
/// now, those positions become checkpoints of kind <see cref="SourcePositionText.Kind"/> (which the sources resume
/// from), a newer checkpoint of the same source wins, and the old table is gone.
/// </summary>
public sealed class LegacyPositionMigrationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Positions_of_an_old_store_are_read_back_as_checkpoints_with_their_totals_and_the_old_table_is_dropped()
    {
        var proxy = new SourcePosition("proxy", "1:2", 400, 4, "a.log", "12:abc");
        var syslog = new SourcePosition("syslog", "udp", 9, 9);
        WriteOldStore(
            "('proxy', '1:2', 400, 4, 'a.log', '12:abc', 4, 3, 1, 1, TIMESTAMP '2026-11-23 10:00:00')",
            "('syslog', 'udp', 9, 9, NULL, NULL, 9, 9, 0, 0, TIMESTAMP '2026-11-23 11:00:00')");

        using var store = DuckDbStore.Open(_dir.Path);
        var read = await store.Checkpoints.ReadAllAsync(CancellationToken.None);

        Assert.Equal(["proxy", "syslog"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(SourcePositionText.Kind, read["proxy"].Checkpoint.Kind);
        Assert.Equal(proxy, SourcePositionText.TryRead(read["proxy"].Checkpoint.Position));
        Assert.Equal(new CheckpointTotals(4, 3, 1, 1), read["proxy"].Totals);
        Assert.Equal(syslog, SourcePositionText.TryRead(read["syslog"].Checkpoint.Position));
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 23, 11, 0), read["syslog"].UpdatedAt);
        Assert.Equal(0L, Scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'source_positions'"));
    }

    [Fact]
    public async Task A_source_with_a_checkpoint_keeps_it_and_a_store_opened_again_moves_nothing_twice()
    {
        using (var store = DuckDbStore.Open(_dir.Path))
        using (var session = store.Writer.Begin())
        {
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "newer"), new CheckpointTotals(10, 10, 0, 0), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        WriteOldStore("('proxy', '1:2', 400, 4, 'a.log', NULL, 4, 3, 1, 1, TIMESTAMP '2026-11-23 10:00:00')");

        for (var open = 0; open < 2; open++)
        {
            using var store = DuckDbStore.Open(_dir.Path);
            var proxy = Assert.Single(await store.Checkpoints.ReadAllAsync(CancellationToken.None)).Value;
            Assert.Equal(new Checkpoint("proxy", "file", "newer"), proxy.Checkpoint);
            Assert.Equal(new CheckpointTotals(10, 10, 0, 0), proxy.Totals);
        }
    }

    /// <summary>The source_positions table as stores before checkpoints had it, holding these rows.</summary>
    private void WriteOldStore(params string[] rows)
    {
        using var connection = Connect();
        Execute(connection, """
            CREATE TABLE source_positions (
                source VARCHAR PRIMARY KEY, file_id VARCHAR NOT NULL, byte_offset BIGINT NOT NULL, line_number BIGINT NOT NULL,
                path VARCHAR, fingerprint VARCHAR, lines_read BIGINT NOT NULL, events_stored BIGINT NOT NULL,
                duplicates BIGINT NOT NULL, dead_letters BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL)
            """);
        Execute(connection, $"INSERT INTO source_positions VALUES {string.Join(", ", rows)}");
    }

    private long Scalar(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private DuckDBConnection Connect()
    {
        Directory.CreateDirectory(_dir.Path);
        var connection = new DuckDBConnection($"Data Source={_dir.File(DuckDbStore.FileName)}");
        connection.Open();
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dir.Dispose();
}
