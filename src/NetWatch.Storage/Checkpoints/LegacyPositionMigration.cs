using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;

namespace NetWatch.Storage.Checkpoints;

/// <summary>
/// Moves a store written before checkpoints onto them: each row of its source_positions table (a file or syslog
/// source's position and running totals) becomes a checkpoint of kind <see cref="SourcePositionText.Kind"/>, which
/// the file and syslog sources resume from like their own, unless the source already has a checkpoint; then the
/// old table is dropped. One transaction, on opening the store: a crash leaves either the old table or the moved rows.
/// </summary>
internal static class LegacyPositionMigration
{
    private const string Table = "source_positions";

    public static void Apply(DuckDBConnection connection)
    {
        if (!connection.TableExists(Table)) return;
        using var transaction = connection.BeginTransaction();
        using (var copy = connection.CreateCommand())
        {
            copy.CommandText = """
                SELECT source, file_id, byte_offset, line_number, path, fingerprint,
                       lines_read, events_stored, duplicates, dead_letters, updated_at
                FROM source_positions ORDER BY source
                """;
            var rows = new List<(Checkpoint Checkpoint, CheckpointTotals Totals, NodaTime.Instant At)>();
            using (var r = copy.ExecuteReader())
                while (r.Read())
                {
                    var position = new SourcePosition(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3),
                        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));
                    rows.Add((new Checkpoint(position.Source, SourcePositionText.Kind, SourcePositionText.Write(position)),
                        new CheckpointTotals(r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9)), r.GetInstant(10)));
                }
            // A source with a checkpoint already keeps it: it is newer than the old table's row.
            foreach (var (checkpoint, totals, at) in rows) CheckpointTable.AddIfAbsent(connection, checkpoint, totals, at);
        }
        connection.Execute($"DROP TABLE {Table}");
        transaction.Commit();
    }
}
