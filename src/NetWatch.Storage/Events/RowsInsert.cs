using DuckDB.NET.Data;

namespace NetWatch.Storage.Events;

/// <summary>
/// A list's rows into a table through this connection's table function (<see cref="TableRowsFunction"/>): each item
/// written as one row by a row writer (<see cref="EventRowWriter"/>, <see cref="Visits.VisitRowWriter"/>). On one
/// thread the rows go in in order; on several (<see cref="Insert"/>'s <c>threads</c>) each thread's lane takes the
/// next <c>unit</c> rows at a time until none is left, so every row goes once whatever number of threads DuckDB runs.
/// </summary>
internal sealed class RowsInsert<TRow> : TableRowsFunction
{
    /// <summary>Writes every column of <paramref name="row"/>, in the table's order, and ends the row.</summary>
    public delegate void RowWriter(ChunkFiller into, TRow row);

    private readonly RowWriter _write;
    /// <summary>Each lane's rows claimed: this object's own (the first), then each further lane's.</summary>
    private readonly List<Claim> _claims = [new()];
    private IReadOnlyList<TRow>? _rows;
    /// <summary>The first row not yet claimed by a lane (a long: lanes past the end each add a unit once more).</summary>
    private long _next;
    private int _end;
    /// <summary>Rows a lane claims at a time.</summary>
    private int _unit;

    private RowsInsert(DuckDBConnection connection, string table, string row, RowWriter write, int? columns) : base(connection, table, row, columns) => _write = write;

    /// <summary>Registers this connection's function of <paramref name="table"/>'s rows (<paramref name="row"/>: what one is), of
    /// its first <paramref name="columns"/> columns (null: all; the rest are <see cref="TableRowsFunction.Appended"/>).</summary>
    public static RowsInsert<TRow> Register(DuckDBConnection connection, string table, string row, RowWriter write, int? columns = null)
    {
        var insert = new RowsInsert<TRow>(connection, table, row, write, columns);
        insert.Register();
        return insert;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> of <paramref name="rows"/> from <paramref name="start"/>, in order, into
    /// <paramref name="table"/> (the function's table, or a table of its columns). With <paramref name="threads"/> &gt; 1,
    /// DuckDB's threads fill them <paramref name="unit"/> rows at a time, in no order between the units.
    /// </summary>
    public void Insert(string table, IReadOnlyList<TRow> rows, int start = 0, int? count = null, int threads = 1, int unit = int.MaxValue)
    {
        var end = start + (count ?? rows.Count - start);
        if (end == start) return;
        ArgumentOutOfRangeException.ThrowIfLessThan(unit, 1);
        (_rows, _next, _end, _unit) = (rows, start, end, threads == 1 ? end - start : unit);
        foreach (var claim in _claims) claim.Reset();
        try
        {
            Run(table, end - start, threads);
        }
        finally
        {
            _rows = null;
        }
    }

    protected override void FillRows() => Fill(this, _claims[0]);

    protected override ChunkLane NewLane()
    {
        var claim = new Claim();
        _claims.Add(claim);
        return new Lane(this, claim);
    }

    /// <summary>Fills <paramref name="into"/>'s chunk from the rows its lane claimed, claiming more as it runs out.</summary>
    private void Fill(ChunkFiller into, Claim claim)
    {
        var rows = _rows ?? throw new InvalidOperationException("a table function's rows read outside an insert");
        while (into.Rows < ChunkFiller.Capacity)
        {
            if (claim.Next == claim.End && !Take(claim)) return;
            _write(into, rows[claim.Next++]);
        }
    }

    /// <summary>The next unit of rows for a lane; false when none is left.</summary>
    private bool Take(Claim claim)
    {
        var first = Interlocked.Add(ref _next, _unit) - _unit;
        if (first >= _end) return false;
        (claim.Next, claim.End) = ((int)first, (int)Math.Min(first + _unit, _end));
        return true;
    }

    /// <summary>The rows a lane claimed and has not written yet: [Next, End).</summary>
    private sealed class Claim
    {
        public int Next;
        public int End;

        public void Reset() => (Next, End) = (0, 0);
    }

    /// <summary>A further thread's lane: a chunk of its own, rows claimed from the same insert.</summary>
    private sealed class Lane(RowsInsert<TRow> insert, Claim claim) : ChunkLane(insert.ColumnLists)
    {
        protected override void FillRows() => insert.Fill(this, claim);
    }
}
