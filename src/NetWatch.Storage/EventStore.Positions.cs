using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Checkpoints;
using NodaTime;

namespace NetWatch.Storage;

public sealed partial class EventStore
{
    /// <summary>
    /// Writes a batch and the source position it reached in one transaction: after a crash the store holds
    /// either both or neither, so resuming from the committed position neither loses nor repeats a line.
    /// Returns how many events were new.
    /// </summary>
    public int Write(IReadOnlyList<NetEvent> events, IReadOnlyList<DeadLetter> deadLetters, SourcePosition position, long linesRead)
    {
        using var transaction = _connection.BeginTransaction();
        var inserted = InsertNewEvents(events);
        _batches.InsertDeadLetters(deadLetters);
        using (var upsert = _connection.CreateCommand())
        {
            upsert.CommandText = """
                INSERT INTO source_positions VALUES ($source, $file, $offset, $line, $path, $fp, $lines, $stored, $dups, $dead, $at)
                ON CONFLICT (source) DO UPDATE SET
                    file_id = excluded.file_id, byte_offset = excluded.byte_offset, line_number = excluded.line_number,
                    path = excluded.path, fingerprint = excluded.fingerprint,
                    lines_read = source_positions.lines_read + excluded.lines_read,
                    events_stored = source_positions.events_stored + excluded.events_stored,
                    duplicates = source_positions.duplicates + excluded.duplicates,
                    dead_letters = source_positions.dead_letters + excluded.dead_letters,
                    updated_at = excluded.updated_at
                """;
            upsert.Parameters.Add(new DuckDBParameter("source", position.Source));
            upsert.Parameters.Add(new DuckDBParameter("file", position.FileId));
            upsert.Parameters.Add(new DuckDBParameter("offset", position.Offset));
            upsert.Parameters.Add(new DuckDBParameter("line", position.LineNumber));
            upsert.Parameters.Add(new DuckDBParameter("path", position.Path));
            upsert.Parameters.Add(new DuckDBParameter("fp", position.Fingerprint));
            upsert.Parameters.Add(new DuckDBParameter("lines", linesRead));
            upsert.Parameters.Add(new DuckDBParameter("stored", (long)inserted));
            upsert.Parameters.Add(new DuckDBParameter("dups", (long)(events.Count - inserted)));
            upsert.Parameters.Add(new DuckDBParameter("dead", (long)deadLetters.Count));
            upsert.Parameters.Add(new DuckDBParameter("at", SystemClock.Instance.GetCurrentInstant().ToDateTimeUtc()));
            upsert.ExecuteNonQuery();
        }
        transaction.Commit();
        return inserted;
    }

    /// <summary>Every committed source position, by source name.</summary>
    public IReadOnlyDictionary<string, StoredPosition> ReadPositions() => ReadPositions(_connection);

    internal static Dictionary<string, StoredPosition> ReadPositions(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT source, file_id, byte_offset, line_number, path, fingerprint, lines_read, events_stored, duplicates,
                   dead_letters, updated_at
            FROM source_positions ORDER BY source
            """;
        using var reader = command.ExecuteReader();
        var positions = new Dictionary<string, StoredPosition>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var position = new SourcePosition(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));
            positions[position.Source] = new StoredPosition(position, reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
                reader.GetInt64(9), reader.GetInstant(10));
        }
        return positions;
    }
}
