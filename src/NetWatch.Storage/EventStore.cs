using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Search;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>
/// The embedded store: one DuckDB file in the store directory. One writer (this object) at a time;
/// every batch is written in one transaction, and an event whose id is already stored is skipped.
/// </summary>
public sealed partial class EventStore : IDisposable
{
    public const string FileName = StoreFile.FileName;

    private readonly DuckDBConnection _connection;
    private readonly EventBatchWriter _batches;

    private EventStore(DuckDBConnection connection)
    {
        _connection = connection;
        _batches = new EventBatchWriter(connection);
    }

    public string Directory { get; private init; } = "";

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>.</summary>
    public static EventStore Open(string directory) => new(StoreFile.Open(directory)) { Directory = directory };

    /// <summary>True when <paramref name="directory"/> holds a store.</summary>
    public static bool Exists(string directory) => StoreFile.Exists(directory);

    /// <summary>
    /// Writes a batch in one transaction: the events not already stored, and the dead letters.
    /// Returns how many events were new.
    /// </summary>
    public int Write(IReadOnlyList<NetEvent> events, IReadOnlyList<DeadLetter> deadLetters)
    {
        using var transaction = _connection.BeginTransaction();
        var inserted = InsertNewEvents(events);
        _batches.InsertDeadLetters(deadLetters);
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
        using var transaction = _connection.BeginTransaction();
        var added = _batches.Replace(events);
        transaction.Commit();
        return added;
    }

    /// <summary>Inserts the events not stored yet; an event the store cannot take fails the whole batch (this API has no rejections).</summary>
    private int InsertNewEvents(IReadOnlyList<NetEvent> events)
    {
        var result = _batches.InsertNew(events);
        if (result.Rejected is [var first, ..])
            throw new ArgumentException($"event {first.Event.Id}: {first.Reason}", nameof(events));
        return result.New.Count;
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

    public void Dispose() => _connection.Dispose();
}
