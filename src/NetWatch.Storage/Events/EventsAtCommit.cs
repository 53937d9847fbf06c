using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Storage.Writing;

namespace NetWatch.Storage.Events;

/// <summary>
/// An import's new events held in memory until its write session commits, then inserted into the events tables in one
/// statement on several of DuckDB's threads (<see cref="RowsInsert{TRow}"/>'s lanes), in the session's transaction as
/// before the commit. The import's store runs DuckDB on its writing thread alone (<see cref="StoreFile.Open"/>'s
/// <c>oneThread</c>), and an insert of ~20,000 events a call on it appended them into the transaction's rows, which the
/// commit compressed: both on the store thread, the import's critical path, while the other core was half idle. With no
/// insertion order to keep, DuckDB gives each thread of an insert its own row groups, which that thread compresses and
/// writes; a thread's rows under a row group are appended to the transaction's rows as before. So the statement needs
/// at least a row group per thread: an import's session of two row groups (Ingestion) holds ~236,000 narrow events.
/// Enriched 1M import, session 38 (bench/results/para-2026-12-06-session38.txt): the store thread's events append and
/// commit 6.8-7.0 s CPU -> ~5.5 s (the threads' spin included), process CPU +2 s, peak RSS +150 MB; held in memory on
/// one thread it was 6.8 s, so the gain is the second thread's. For an import's store only: <see cref="Insert"/> sets
/// DuckDB's threads back to 1.
/// </summary>
internal sealed class EventsAtCommit
{
    private readonly DuckDBConnection _connection;
    private readonly EventRowsInsert _rows;
    private readonly int _threads;
    /// <summary>The session's new events, in the order they came.</summary>
    private readonly List<NetEvent> _events = [];
    /// <summary>Their ids: a later batch of the session finds an event held here as stored.</summary>
    private readonly HashSet<Guid> _ids = [];

    public EventsAtCommit(DuckDBConnection connection, EventRowsInsert rows, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 2);
        _connection = connection;
        _rows = rows;
        _threads = threads;
    }

    /// <summary>Whether an event with this id is held for the commit.</summary>
    public bool Holds(Guid id) => _ids.Contains(id);

    /// <summary>Holds <paramref name="added"/> (new events, none held already) for the commit.</summary>
    public void Add(IReadOnlyList<NetEvent> added)
    {
        _events.AddRange(added);
        foreach (var e in added) _ids.Add(e.Id.ToGuid());
    }

    /// <summary>
    /// Inserts the held events into their tables in the caller's transaction (before its commit, or before anything that
    /// reads or deletes events), on the threads given; none is held after, whether it succeeds or not (a failure fails the
    /// transaction, which the session then rolls back).
    /// </summary>
    public void Insert()
    {
        if (_events.Count == 0) return;
        var phase = PhaseTimes.StartFanOut();
        var parallel = false;
        try
        {
            _rows.Split(_events, (table, rows) =>
            {
                // A thread per row group the rows fill, at most the threads given: a table's rows under a row group (a
                // replay's small sessions, the wide table) go in on the writing thread alone, with no setting changed.
                var threads = (int)Math.Min(_threads, ((long)rows.Count + RowGroupCheckpoints.RowGroupSize - 1) / RowGroupCheckpoints.RowGroupSize);
                if (threads > 1 && !parallel)
                {
                    parallel = true;
                    _connection.Execute($"SET threads = {_threads}");
                    _connection.Execute("SET preserve_insertion_order = false");
                }
                _rows.Insert(table, table, rows, threads: threads);
            });
        }
        finally
        {
            if (parallel)
            {
                _connection.Execute("RESET preserve_insertion_order");
                _connection.Execute("SET threads = 1");
            }
            Clear();
        }
        PhaseTimes.AddFanOut($"store: events insert at commit ({_threads} threads)", phase);
    }

    /// <summary>Drops the held events (the session rolled back).</summary>
    public void Clear()
    {
        _events.Clear();
        _ids.Clear();
    }
}
