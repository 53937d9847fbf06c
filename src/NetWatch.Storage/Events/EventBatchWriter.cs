using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.DeadLetters;
using NodaTime;

namespace NetWatch.Storage.Events;

/// <summary>
/// The write path over the store's writer connection, inside a transaction its caller holds (a
/// <see cref="DuckDbWriteSession"/>): new events appended straight into
/// the events tables (<see cref="EventTables"/>), findings replaced by id, dead letters once each. A batch's ids are read
/// by its statements through a table function (<see cref="BatchIdsFunction"/>), not staged in a table.
/// </summary>
internal sealed class EventBatchWriter
{
    private readonly DuckDBConnection _connection;
    /// <summary>The batch's ids so far (a batch may hold one event twice): kept between batches, as its arrays are large.</summary>
    private readonly HashSet<Guid> _seen = [];
    /// <summary>A bulk import's: events go to the table in whole row groups only (null: each session appends all it has).</summary>
    private readonly WholeRowGroups? _whole;
    /// <summary>The events' rows into a table without DuckDB's appender's copy.</summary>
    private readonly EventRowsInsert _rows;
    /// <summary>The batch's ids, read by the dedupe's and the replace's statements as a table function's rows.</summary>
    private readonly BatchIdsFunction _ids;
    /// <summary>No stored event is newer: the dedupe asks the table only about events at or before it.</summary>
    private readonly StoredTimeBound _stored;
    /// <summary>A batch's events that may be stored (not newer than every stored one): kept between batches.</summary>
    private readonly List<NetEvent> _older = [];
    /// <summary>An import's (insert threads &gt; 1): a session's new events held until its commit (null: inserted as they come).</summary>
    private readonly EventsAtCommit? _atCommit;
    /// <summary>Dead letters, once each (its look-up bound lives as long as this writer).</summary>
    private readonly DeadLetterWriter _deadLetters;

    /// <param name="insertThreads">For an import's store (DuckDB on the writing thread alone): more than 1 holds a session's new
    /// events until its commit and inserts them on this many threads (<see cref="EventsAtCommit"/>); not with <paramref name="wholeRowGroups"/>.</param>
    public EventBatchWriter(DuckDBConnection connection, bool wholeRowGroups = false, int insertThreads = 1)
    {
        _connection = connection;
        _ids = BatchIdsFunction.Register(connection);
        _stored = new StoredTimeBound(connection);
        _rows = EventRowsInsert.Register(connection);
        _deadLetters = new DeadLetterWriter(connection);
        if (wholeRowGroups) _whole = new WholeRowGroups(connection, _rows);
        else if (insertThreads > 1) _atCommit = new EventsAtCommit(connection, _rows, insertThreads);
    }

    /// <summary>The write session owing the roll-ups of the events inserted from now (<see cref="EventTables.OwedColumn"/>), or null.</summary>
    public void Owe(long? session) => _rows.Owe(session);

    /// <summary>Before the session's commit: the events held for it inserted (<see cref="EventsAtCommit"/>).</summary>
    public void BeforeCommit() => _atCommit?.Insert();

    /// <summary>The session rolled back: what was held for its commit goes with it.</summary>
    public void RolledBack()
    {
        _atCommit?.Clear();
        _whole?.RolledBack();
    }

    /// <summary>Events held back from the table until they fill a row group (see <see cref="WholeRowGroups"/>).</summary>
    public WholeRowGroups? Whole => _whole;

    /// <summary>
    /// Appends the events whose id is not stored yet (nor earlier in the batch); returns those, and the events the
    /// store cannot take (a required field missing) with why. The rest were stored before.
    /// </summary>
    public EventWriteResult InsertNew(IReadOnlyList<NetEvent> events)
    {
        if (events.Count == 0) return EventWriteResult.Nothing;
        List<RejectedEvent>? rejected = null;
        var valid = events;
        foreach (var e in events)
            if (EventRejection.Reason(e) is not null)
            {
                rejected = events.Where(x => EventRejection.Reason(x) is not null)
                    .Select(x => new RejectedEvent(x, EventRejection.Reason(x)!)).ToList();
                valid = events.Where(x => EventRejection.Reason(x) is null).ToList();
                break;
            }
        var added = new List<NetEvent>(valid.Count);
        if (valid.Count > 0)
        {
            var dedupe = PhaseTimes.Start();
            var stored = StoredIds(valid);
            PhaseTimes.Add("store: events dedupe", dedupe);
            var append = PhaseTimes.Start();
            _seen.Clear();
            _seen.EnsureCapacity(valid.Count);
            foreach (var e in valid)
            {
                var id = e.Id.ToGuid();
                if (_seen.Add(id) && (stored.Count == 0 || !stored.Contains(id)) && _atCommit?.Holds(id) != true) added.Add(e);
            }
            // Appending straight into events (no staging copy) lets DuckDB write whole row groups to the file
            // when a batch fills one, instead of logging every value to the WAL and copying it again at checkpoint.
            if (_whole is not null) _whole.Append(added);
            else if (_atCommit is not null) _atCommit.Add(added);
            else _rows.Insert(added);
            _stored.Wrote(added);
            PhaseTimes.Add("store: events append", append);
            PhaseTimes.Size("store: events appended per call", added.Count);
        }
        return new EventWriteResult(added, (IReadOnlyList<RejectedEvent>?)rejected ?? []);
    }

    /// <summary>
    /// Writes events each replacing a stored event with its id (the latest of several with one id wins).
    /// Returns how many were not stored before.
    /// </summary>
    public int Replace(IReadOnlyList<NetEvent> events)
    {
        if (events.Count == 0) return 0;
        var latest = events.GroupBy(e => e.Id).Select(g => g.Last()).ToList();
        _whole?.MoveHeld(); // the events replaced may be held
        _atCommit?.Insert();
        foreach (var e in latest)
            if (EventRejection.Reason(e) is { } reason) throw new ArgumentException($"event {e.Id}: {reason}", nameof(events));
        var (min, max) = _ids.Set(latest);
        var replaced = 0;
        // DuckDB deletes from tables, not through the events view: from both (a replaced event may change its table).
        foreach (var table in EventTables.Physical)
        {
            using var delete = _connection.CreateCommand();
            delete.CommandText = $"""
                DELETE FROM {table} WHERE "@timestamp" BETWEEN $min AND $max AND id IN (SELECT id FROM {_ids.Name}())
                """;
            delete.Parameters.Add(new DuckDBParameter("min", min.ToDateTimeUtc()));
            delete.Parameters.Add(new DuckDBParameter("max", max.ToDateTimeUtc()));
            replaced += delete.ExecuteNonQuery();
        }
        _ids.Clear();
        _rows.Insert(latest);
        _stored.Wrote(latest);
        return latest.Count - replaced;
    }

    /// <summary>The ids of these events that are already stored (usually none: a re-import finds them all).</summary>
    private HashSet<Guid> StoredIds(IReadOnlyList<NetEvent> events)
    {
        // Only events not newer than every stored one can be stored (StoredTimeBound): a batch that follows the last in
        // time asks about a few or none.
        var older = events;
        foreach (var e in events)
            if (!_stored.MayBeStored(e.Timestamp))
            {
                _older.Clear();
                foreach (var o in events)
                    if (_stored.MayBeStored(o.Timestamp)) _older.Add(o);
                older = _older;
                break;
            }
        PhaseTimes.Size("store: events dedupe: ids asked per call", older.Count);
        try
        {
            return older.Count == 0 ? [] : StoredAmong(older);
        }
        finally
        {
            _older.Clear();
        }
    }

    /// <summary>The ids of these events that are stored (or held back for whole row groups).</summary>
    private HashSet<Guid> StoredAmong(IReadOnlyList<NetEvent> events)
    {
        var (min, max) = _ids.Set(events);
        // The time bounds let DuckDB's zone maps skip row groups that cannot hold a duplicate. The events side asks
        // for the batch's ids (IN: a semi-join that hashes them): the same ids as the batch's side asking
        // EXISTS of the events, at about half the CPU for a live session's ~100 ids (7.1 against 3.6 ms,
        // bench/results/small-2026-12-05-session26.txt). An id may come twice (stored and held): the caller's set takes it once.
        using var query = _connection.CreateCommand();
        query.CommandText = $"""
            SELECT e.id FROM events e
            WHERE e."@timestamp" BETWEEN $min AND $max AND e.id IN (SELECT id FROM {_ids.Name}())
            """ + (_whole is { Held: > 0 } ? $" UNION ALL SELECT s.id FROM {_ids.Name}() s WHERE " + _whole.HeldCondition : "");
        query.Parameters.Add(new DuckDBParameter("min", min.ToDateTimeUtc()));
        query.Parameters.Add(new DuckDBParameter("max", max.ToDateTimeUtc()));
        var phase = PhaseTimes.Start();
        var stored = new HashSet<Guid>();
        try
        {
            using var reader = query.ExecuteReader();
            while (reader.Read()) stored.Add(reader.GetGuid(0));
        }
        finally
        {
            _ids.Clear();
        }
        PhaseTimes.Add("store: events dedupe: query", phase);
        return stored;
    }

    /// <summary>Stores dead letters; one already stored (same source file name, line and raw text) is not stored twice.</summary>
    public void InsertDeadLetters(IReadOnlyList<DeadLetter> deadLetters) => _deadLetters.Insert(deadLetters);
}
