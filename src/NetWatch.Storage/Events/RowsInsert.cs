using DuckDB.NET.Data;

namespace NetWatch.Storage.Events;

/// <summary>
/// A list's rows into a table through this connection's table function (<see cref="TableRowsFunction"/>): each item
/// written as one row by a row writer (<see cref="EventRowWriter"/>, <see cref="Visits.VisitRowWriter"/>).
/// </summary>
internal sealed class RowsInsert<TRow> : TableRowsFunction
{
    /// <summary>Writes every column of <paramref name="row"/>, in the table's order, and ends the row.</summary>
    public delegate void RowWriter(ChunkFiller into, TRow row);

    private readonly RowWriter _write;
    private IReadOnlyList<TRow>? _rows;
    private int _next;
    private int _end;

    private RowsInsert(DuckDBConnection connection, string table, string row, RowWriter write) : base(connection, table, row) => _write = write;

    /// <summary>Registers this connection's function of <paramref name="table"/>'s rows (<paramref name="row"/>: what one is).</summary>
    public static RowsInsert<TRow> Register(DuckDBConnection connection, string table, string row, RowWriter write)
    {
        var insert = new RowsInsert<TRow>(connection, table, row, write);
        insert.Register();
        return insert;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> of <paramref name="rows"/> from <paramref name="start"/>, in order, into
    /// <paramref name="table"/> (the function's table, or a table of its columns).
    /// </summary>
    public void Insert(string table, IReadOnlyList<TRow> rows, int start = 0, int? count = null)
    {
        var end = start + (count ?? rows.Count - start);
        if (end == start) return;
        (_rows, _next, _end) = (rows, start, end);
        try
        {
            Run(table, end - start);
        }
        finally
        {
            _rows = null;
        }
    }

    protected override void FillRows()
    {
        var rows = _rows ?? throw new InvalidOperationException("a table function's rows read outside an insert");
        while (_next < _end && Rows < Capacity) _write(this, rows[_next++]);
    }
}
