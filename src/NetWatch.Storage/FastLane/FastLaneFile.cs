using DuckDB.NET.Data;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.FastLane;

/// <summary>
/// The fast lane's own DuckDB file, <c>fastlane.duckdb</c> beside the store's. A database of its own because in
/// DuckDB 1.5 every commit into a database waits while that database checkpoints, whatever table it writes
/// (bench/results/fastlane-checkpoint-2026-12-02.txt: a one-row insert into a small table without indexes waited the
/// whole 1.3 s checkpoint of the events; into a second file it took 7 ms). It holds a few rows at a time.
/// </summary>
internal static class FastLaneFile
{
    public const string FileName = "fastlane.duckdb";

    public static readonly string[] Statements =
    [
        // The events, column for column as in the store's events table (the same row writer and reader).
        $"CREATE TABLE IF NOT EXISTS fast_events ({StoreSchema.EventColumns})",
        "CREATE TABLE IF NOT EXISTS fast_event_entries (seq BIGINT NOT NULL, id UUID NOT NULL)",
        // Alert versions and notifications, column for column as alerts and alert_notifications (without keys: several
        // versions of one alert may wait), each with the entry that wrote it.
        """
        CREATE TABLE IF NOT EXISTS fast_alerts (
            seq BIGINT NOT NULL, id VARCHAR NOT NULL, school VARCHAR NOT NULL, person VARCHAR, subject_key VARCHAR NOT NULL,
            theme VARCHAR NOT NULL, severity INTEGER NOT NULL, first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL,
            "count" BIGINT NOT NULL, version INTEGER NOT NULL, raised_at TIMESTAMP NOT NULL, notified_at TIMESTAMP NOT NULL,
            notified_seen TIMESTAMP NOT NULL, detection VARCHAR NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS fast_notifications (
            seq BIGINT NOT NULL, "key" VARCHAR NOT NULL, alert_id VARCHAR NOT NULL, version INTEGER NOT NULL,
            reason VARCHAR NOT NULL, severity INTEGER NOT NULL, raised_at TIMESTAMP NOT NULL)
        """,
    ];

    /// <summary>Opens (creating if needed) the fast lane's file in the store's directory.</summary>
    public static DuckDBConnection Open(string directory)
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, FileName)}");
        connection.Open();
        try
        {
            foreach (var statement in Statements) connection.Execute(statement);
            // A newer NetWatch with more event fields: the table gains their columns as the store's events table does.
            EventTableMigration.Apply(connection, "fast_events");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
