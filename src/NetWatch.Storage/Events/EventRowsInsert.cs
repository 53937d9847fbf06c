using DuckDB.NET.Data;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Events;

/// <summary>
/// Events into the two events tables (<see cref="EventTables"/>) through table functions of the connection's
/// (<see cref="RowsInsert{TRow}"/>): each event to the narrow table, or to the wide one when it fills a rare column, in
/// order within each. The narrow table's rows are written without its missing columns (<see cref="EventRowWriter.AppendNarrow"/>).
/// </summary>
internal sealed class EventRowsInsert
{
    private readonly RowsInsert<NetEvent> _narrow;
    private readonly RowsInsert<NetEvent> _wide;
    /// <summary>A batch's events of each table: kept between batches (their arrays are large), emptied after each.</summary>
    private readonly List<NetEvent> _narrowRows = [];
    private readonly List<NetEvent> _wideRows = [];

    private EventRowsInsert(DuckDBConnection connection)
    {
        _narrow = RowsInsert<NetEvent>.Register(connection, EventTables.Narrow, "event", EventRowWriter.AppendNarrow, EventTables.NarrowFields.Count);
        _wide = RowsInsert<NetEvent>.Register(connection, EventTables.Wide, "event", EventRowWriter.Append, EventTables.WideFields.Count);
        Owe(null);
    }

    /// <summary>The write session owing the roll-ups of the events inserted from now (<see cref="EventTables.OwedColumn"/>), or null.</summary>
    public void Owe(long? session) =>
        _narrow.Appended = _wide.Appended = $", {session?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"}::BIGINT";

    /// <summary>Registers this connection's event-rows functions, one per events table, with its column types.</summary>
    public static EventRowsInsert Register(DuckDBConnection connection) => new(connection);

    /// <summary>Inserts the events into their tables, in order within each.</summary>
    public void Insert(IReadOnlyList<NetEvent> events)
    {
        if (events.Count == 0) return;
        Split(events, (table, rows) => Insert(table, table, rows));
    }

    /// <summary>
    /// Inserts <paramref name="count"/> of <paramref name="rows"/> (all of them for <paramref name="table"/>, as <see cref="Split"/>
    /// gave them) from <paramref name="start"/> into <paramref name="into"/>: the table, or a table of its columns. On
    /// <paramref name="threads"/> &gt; 1 (DuckDB's threads, an insert that keeps no order: <see cref="EventsAtCommit"/>)
    /// each thread takes a whole row group of rows at a time, so that every thread's rows but the last part are whole row
    /// groups, which DuckDB compresses on that thread.
    /// </summary>
    public void Insert(string table, string into, IReadOnlyList<NetEvent> rows, int start = 0, int? count = null, int threads = 1) =>
        (table == EventTables.Narrow ? _narrow : _wide).Insert(into, rows, start, count, threads, Writing.RowGroupCheckpoints.RowGroupSize);

    /// <summary>
    /// Calls <paramref name="each"/> with each events table and the events of <paramref name="events"/> that go to it, in
    /// order (the narrow table first; a table that takes none is not called). The lists are this object's, valid during the call.
    /// </summary>
    public void Split(IReadOnlyList<NetEvent> events, Action<string, IReadOnlyList<NetEvent>> each)
    {
        try
        {
            foreach (var e in events) (EventTables.IsWide(e) ? _wideRows : _narrowRows).Add(e);
            if (_narrowRows.Count > 0) each(EventTables.Narrow, _narrowRows);
            if (_wideRows.Count > 0) each(EventTables.Wide, _wideRows);
        }
        finally
        {
            _narrowRows.Clear();
            _wideRows.Clear();
        }
    }
}
