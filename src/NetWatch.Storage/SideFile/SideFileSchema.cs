using DuckDB.NET.Data;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.SideFile;

/// <summary>
/// The side file, <c>side.duckdb</c> beside the store's: a DuckDB database of its own, because in DuckDB 1.5 a commit
/// into a database waits while that database checkpoints (as for the alerts' fast lane, <see cref="FastLane.FastLaneFile"/>).
/// It holds the batches committed while the main file checkpoints: a few seconds' worth at a time.
/// </summary>
internal static class SideFileSchema
{
    public const string FileName = "side.duckdb";

    /// <summary>DuckDB's memory for the side file: it holds seconds of batches, and its process's budget is the store's.</summary>
    private const string MemoryLimit = "128MB";

    /// <summary>The side file's WAL before a commit checkpoints it: above what it holds (a checkpoint's few seconds of
    /// batches, at most MemoryBudget.SideHeldWrites joined writes), so that only a side file never emptied gets there.</summary>
    private const string CheckpointThreshold = "256MB";

    public static readonly string[] Statements =
    [
        // One row per batch: its source, counts and the checkpoint it reached (null: a batch without one).
        """
        CREATE TABLE IF NOT EXISTS side_entries (
            seq BIGINT NOT NULL, source VARCHAR NOT NULL, lines_read BIGINT NOT NULL, last_line BIGINT NOT NULL,
            checkpoint_source VARCHAR, checkpoint_kind VARCHAR, checkpoint_position VARCHAR)
        """,
        // The events, column for column as in the store's events table (the same row writer and reader).
        $"CREATE TABLE IF NOT EXISTS side_events ({StoreSchema.EventColumns})",
        "CREATE TABLE IF NOT EXISTS side_event_entries (seq BIGINT NOT NULL, id UUID NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS side_dead_letters (
            seq BIGINT NOT NULL, source VARCHAR NOT NULL, line BIGINT NOT NULL, raw VARCHAR NOT NULL, reason VARCHAR NOT NULL,
            detail VARCHAR, received_at TIMESTAMP NOT NULL)
        """,
    ];

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>Opens (creating if needed) the side file in the store's directory.</summary>
    public static DuckDBConnection Open(string directory)
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, FileName)}");
        connection.Open();
        try
        {
            connection.Execute($"SET memory_limit = '{MemoryLimit}'");
            // Its statements are small: on the calling thread, without DuckDB's background threads' busy-wait.
            connection.Execute("SET threads = 1");
            // Its commits only write the WAL: at DuckDB's default (16 MB, two or three batches) a side commit checkpointed
            // the side file every few commits, compressing every batch held into row groups, while the main file's
            // checkpoint took a core. The side file checkpoints once it holds nothing (DuckDbSideFile.Settle).
            connection.Execute($"SET checkpoint_threshold = '{CheckpointThreshold}'");
            foreach (var statement in Statements) connection.Execute(statement);
            // A newer NetWatch with more event fields: the table gains their columns as the store's events table does.
            EventTableMigration.Apply(connection, "side_events");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
