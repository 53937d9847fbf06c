using DuckDB.NET.Data;

namespace NetWatch.Storage.Diagnostics;

/// <summary>
/// What DuckDB did in each background checkpoint of the main file, for benchmarks only: off unless the environment
/// variable <c>NETWATCH_CHECKPOINT_LOG</c> names a file. Then DuckDB's own "Checkpoint" log (one entry per row group it
/// checkpoints or vacuums, per table) is turned on for the database, and after each checkpoint its entries are appended
/// to that file under the checkpoint's number, then cleared (bench/results/ckpt-2026-12-05-session30.txt).
/// </summary>
internal static class CheckpointLog
{
    public static readonly string? Path = Environment.GetEnvironmentVariable("NETWATCH_CHECKPOINT_LOG") is { Length: > 0 } v ? v : null;

    /// <summary>Turns DuckDB's checkpoint log on (the settings are the database's; once is enough). The type is logged at
    /// the debug level, and enable_logging('Checkpoint') is refused in DuckDB 1.5.6 ("Unknown log type"): the level, then
    /// only the selected type.</summary>
    public static void Enable(DuckDBConnection connection)
    {
        if (Path is null) return;
        foreach (var sql in (string[])["CALL enable_logging(level = 'debug')", "SET enabled_log_types = 'Checkpoint'", "SET logging_mode = 'ENABLE_SELECTED'"])
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Appends the log's entries so far, headed by <paramref name="heading"/>, and clears the log.</summary>
    public static void Dump(DuckDBConnection connection, string heading)
    {
        if (Path is null) return;
        using var writer = File.AppendText(Path);
        writer.WriteLine($"== {heading}");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT message FROM duckdb_logs WHERE type = 'Checkpoint' ORDER BY timestamp";
            using var reader = command.ExecuteReader();
            while (reader.Read()) writer.WriteLine(reader.GetString(0));
        }
        using (var truncate = connection.CreateCommand())
        {
            truncate.CommandText = "CALL truncate_duckdb_logs()";
            truncate.ExecuteNonQuery();
        }
    }
}
