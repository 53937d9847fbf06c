using DuckDB.NET.Data;
using NodaTime;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Storage;

/// <summary>
/// The embedded store: one DuckDB file in the store directory. One writer (this object) at a time;
/// every batch is written in one transaction, and an event whose id is already stored is skipped.
/// </summary>
public sealed partial class EventStore : IDisposable
{
    public const string FileName = "netwatch.duckdb";

    private readonly DuckDBConnection _connection;

    private EventStore(DuckDBConnection connection) => _connection = connection;

    public string Directory { get; private init; } = "";

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>.</summary>
    public static EventStore Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var connection = new DuckDBConnection($"Data Source={Path.Combine(directory, FileName)}");
        connection.Open();
        var store = new EventStore(connection) { Directory = directory };
        // Checkpointing compresses and rewrites row groups; doing it every 16 MB of WAL (the default)
        // costs more than the appends themselves on a bulk import; 256 MB bounds the memory held meanwhile.
        // The WAL is replayed after a crash.
        store.Execute("SET checkpoint_threshold = '256MB'");
        store.Execute("SET memory_limit = '1GB'");
        foreach (var statement in StoreSchema.Statements) store.Execute(statement);
        foreach (var statement in FindingSchema.Statements) store.Execute(statement);
        foreach (var statement in SafeguardingEvidenceSchema.Statements) store.Execute(statement);
        foreach (var statement in PositionSchema.Statements) store.Execute(statement);
        store.Execute($"INSERT OR REPLACE INTO store_info VALUES ('schema_version', '{StoreSchema.Version}')");
        store.Execute("CREATE TEMP TABLE IF NOT EXISTS staging_ids (id UUID NOT NULL)");
        return store;
    }

    /// <summary>True when <paramref name="directory"/> holds a store.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>
    /// Writes a batch in one transaction: the events not already stored, and the dead letters.
    /// Returns how many events were new.
    /// </summary>
    public int Write(IReadOnlyList<NetEvent> events, IReadOnlyList<DeadLetter> deadLetters)
    {
        using var transaction = _connection.BeginTransaction();
        var inserted = events.Count == 0 ? 0 : InsertNewEvents(events);
        if (deadLetters.Count > 0) InsertDeadLetters(deadLetters);
        transaction.Commit();
        return inserted;
    }

    /// <summary>
    /// Writes events in one transaction, each replacing a stored event with its id (the latest of several with one
    /// id wins). Returns how many were not stored before.
    /// </summary>
    public int Replace(IReadOnlyList<NetEvent> events)
    {
        if (events.Count == 0) return 0;
        var latest = events.GroupBy(e => e.Id).Select(g => g.Last()).ToList();
        using var transaction = _connection.BeginTransaction();
        var (min, max) = StageIds(latest);
        using (var delete = _connection.CreateCommand())
        {
            delete.CommandText = """
                DELETE FROM events WHERE "@timestamp" BETWEEN $min AND $max AND id IN (SELECT id FROM temp.staging_ids)
                """;
            delete.Parameters.Add(new DuckDBParameter("min", min.ToDateTimeUtc()));
            delete.Parameters.Add(new DuckDBParameter("max", max.ToDateTimeUtc()));
            var replaced = delete.ExecuteNonQuery();
            Execute("DELETE FROM temp.staging_ids");
            using (var appender = _connection.CreateAppender("events"))
                foreach (var e in latest) EventRowWriter.Append(appender, e);
            transaction.Commit();
            return latest.Count - replaced;
        }
    }

    private int InsertNewEvents(IReadOnlyList<NetEvent> events)
    {
        var duplicates = StoredIds(events);
        // Appending straight into events (no staging copy) lets DuckDB write whole row groups to the file
        // when a batch fills one, instead of logging every value to the WAL and copying it again at checkpoint.
        var inserted = 0;
        using var appender = _connection.CreateAppender("events");
        foreach (var e in events)
        {
            if (duplicates.Count > 0 && duplicates.Contains(e.Id.ToGuid())) continue;
            EventRowWriter.Append(appender, e);
            inserted++;
        }
        return inserted;
    }

    /// <summary>The ids of these events that are already stored (usually none: a re-import finds them all).</summary>
    private HashSet<Guid> StoredIds(IReadOnlyList<NetEvent> events)
    {
        var (min, max) = StageIds(events);
        // The time bounds let DuckDB's zone maps skip row groups that cannot hold a duplicate.
        using var query = _connection.CreateCommand();
        query.CommandText = """
            SELECT s.id FROM temp.staging_ids s
            WHERE EXISTS (SELECT 1 FROM events e WHERE e."@timestamp" BETWEEN $min AND $max AND e.id = s.id)
            """;
        query.Parameters.Add(new DuckDBParameter("min", min.ToDateTimeUtc()));
        query.Parameters.Add(new DuckDBParameter("max", max.ToDateTimeUtc()));
        var stored = new HashSet<Guid>();
        using (var reader = query.ExecuteReader())
            while (reader.Read()) stored.Add(reader.GetGuid(0));
        Execute("DELETE FROM temp.staging_ids");
        return stored;
    }

    /// <summary>Puts the events' ids in temp.staging_ids; returns their time bounds.</summary>
    private (Instant Min, Instant Max) StageIds(IReadOnlyList<NetEvent> events)
    {
        var min = events[0].Timestamp;
        var max = min;
        using var appender = _connection.CreateAppender("temp", "main", "staging_ids");
        foreach (var e in events)
        {
            appender.CreateRow().AppendValue(e.Id.ToGuid()).EndRow();
            if (e.Timestamp < min) min = e.Timestamp;
            if (e.Timestamp > max) max = e.Timestamp;
        }
        return (min, max);
    }

    private void InsertDeadLetters(IReadOnlyList<DeadLetter> deadLetters)
    {
        Execute("CREATE TEMP TABLE IF NOT EXISTS staging_dead_letters AS SELECT * FROM dead_letters LIMIT 0");
        using (var appender = _connection.CreateAppender("temp", "main", "staging_dead_letters"))
        {
            foreach (var d in deadLetters)
            {
                appender.CreateRow()
                    .AppendValue(EventIdentity.Compute("dead-letter:" + Path.GetFileName(d.Source), d.LineNumber, d.Raw).ToGuid())
                    .AppendValue(d.Source).AppendValue(d.LineNumber).AppendValue(d.Raw).AppendValue(d.Reason)
                    .AppendValue(d.Detail).AppendValue(d.ReceivedAt.ToDateTimeUtc())
                    .EndRow();
            }
        }
        Execute("""
            INSERT INTO dead_letters
            SELECT s.* FROM temp.staging_dead_letters s
            WHERE NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.id = s.id)
            """);
        Execute("DELETE FROM temp.staging_dead_letters");
    }

    /// <summary>Records one finished import of one source (an audit of what was loaded, when).</summary>
    public void RecordImport(ImportRecord record)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO imports VALUES ($source, $format, $started, $finished, $lines, $stored, $dups, $dead)";
        command.Parameters.Add(new DuckDBParameter("source", record.Source));
        command.Parameters.Add(new DuckDBParameter("format", record.Format));
        command.Parameters.Add(new DuckDBParameter("started", record.StartedAt.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("finished", record.FinishedAt.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("lines", record.LinesRead));
        command.Parameters.Add(new DuckDBParameter("stored", record.EventsStored));
        command.Parameters.Add(new DuckDBParameter("dups", record.Duplicates));
        command.Parameters.Add(new DuckDBParameter("dead", record.DeadLetters));
        command.ExecuteNonQuery();
    }

    /// <summary>Read-only queries over the same connection.</summary>
    public EventQueries Queries => new(_connection);

    /// <summary>The stored visits (time on site).</summary>
    public VisitStore Visits => new(_connection);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
