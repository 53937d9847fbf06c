using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Checkpoints;
using NodaTime;

namespace NetWatch.Storage.Checkpoints;

/// <summary>Writes and reads the checkpoints table (see <see cref="CheckpointSchema"/>).</summary>
internal static class CheckpointTable
{
    /// <summary>
    /// Upserts a source's checkpoint, adding <paramref name="added"/> to its totals; inside the caller's transaction.
    /// An UPDATE first, a plain INSERT only when it found no row (a source's first checkpoint: the store's one writer, in
    /// its transaction, so no row can come between the two): DuckDB's INSERT .. ON CONFLICT
    /// DO UPDATE cost ~5 ms of CPU more than the UPDATE of the same row (8.5 against 3.7 ms with its commit, 2 threads,
    /// bench/results/small-2026-12-05-session26.txt), and the live service saves a checkpoint every session.
    /// </summary>
    public static void Save(DuckDBConnection connection, Checkpoint checkpoint, CheckpointTotals added, Instant now)
    {
        if (Update(connection, checkpoint, added, now) == 0) Insert(connection, checkpoint, added, now, onConflict: "");
    }

    private static int Update(DuckDBConnection connection, Checkpoint checkpoint, CheckpointTotals added, Instant now)
    {
        using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE checkpoints SET kind = $kind, position = $position,
                lines_read = lines_read + $lines, events_stored = events_stored + $stored,
                duplicates = duplicates + $dups, dead_letters = dead_letters + $dead, updated_at = $at
            WHERE source = $source
            """;
        AddParameters(update, checkpoint, added, now);
        return update.ExecuteNonQuery();
    }

    /// <summary>Stores a source's checkpoint unless the source has one already (which is kept as it is).</summary>
    public static void AddIfAbsent(DuckDBConnection connection, Checkpoint checkpoint, CheckpointTotals totals, Instant at) =>
        Insert(connection, checkpoint, totals, at, "ON CONFLICT (source) DO NOTHING");

    private static void Insert(DuckDBConnection connection, Checkpoint checkpoint, CheckpointTotals totals, Instant at, string onConflict)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO checkpoints VALUES ($source, $kind, $position, $lines, $stored, $dups, $dead, $at) " + onConflict;
        AddParameters(insert, checkpoint, totals, at);
        insert.ExecuteNonQuery();
    }

    private static void AddParameters(DuckDBCommand command, Checkpoint checkpoint, CheckpointTotals totals, Instant at)
    {
        command.Parameters.Add(new DuckDBParameter("source", checkpoint.Source));
        command.Parameters.Add(new DuckDBParameter("kind", checkpoint.Kind));
        command.Parameters.Add(new DuckDBParameter("position", checkpoint.Position));
        command.Parameters.Add(new DuckDBParameter("lines", totals.LinesRead));
        command.Parameters.Add(new DuckDBParameter("stored", totals.EventsStored));
        command.Parameters.Add(new DuckDBParameter("dups", totals.Duplicates));
        command.Parameters.Add(new DuckDBParameter("dead", totals.DeadLetters));
        command.Parameters.Add(new DuckDBParameter("at", at.ToDateTimeUtc()));
    }

    public static Dictionary<string, StoredCheckpoint> ReadAll(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, kind, position, lines_read, events_stored, duplicates, dead_letters, updated_at
            FROM checkpoints ORDER BY source
            """;
        using var r = command.ExecuteReader();
        var checkpoints = new Dictionary<string, StoredCheckpoint>(StringComparer.Ordinal);
        while (r.Read())
            checkpoints[r.GetString(0)] = new StoredCheckpoint(
                new Checkpoint(r.GetString(0), r.GetString(1), r.GetString(2)),
                new CheckpointTotals(r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6)),
                r.GetInstant(7));
        return checkpoints;
    }
}
