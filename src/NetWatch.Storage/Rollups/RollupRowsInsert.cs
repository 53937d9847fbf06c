using DuckDB.NET.Data;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A write session's counted rows of one roll-up (<see cref="RollupCounter"/>) into its table through a table function
/// of the connection's (<see cref="TableRowsFunction"/>: <c>INSERT INTO rollup_x SELECT * FROM netwatch_rollup_x_rows_N()</c>),
/// read straight from the session's set, in its order. Through DuckDB's appender (<see cref="ChunkAppender"/>) every chunk
/// was copied once more, strings and all, before the commit: a live session behind holds ~100,000 people and sites
/// rows (the bench log's person-site keys hardly repeat within a session).
/// </summary>
internal sealed class RollupRowsInsert : TableRowsFunction
{
    private readonly RollupTable _table;
    private RowSource? _rows;

    private RollupRowsInsert(DuckDBConnection connection, RollupTable table) : base(connection, table.Name, "rollup") => _table = table;

    /// <summary>Registers this connection's function of <paramref name="table"/>'s rows.</summary>
    public static RollupRowsInsert Register(DuckDBConnection connection, RollupTable table)
    {
        var insert = new RollupRowsInsert(connection, table);
        insert.Register();
        return insert;
    }

    /// <summary>Inserts every row of <paramref name="rows"/>, in the set's order, into the table, in the connection's transaction.</summary>
    public void Insert<TKey>(Dictionary<TKey, RollupSums> rows) where TKey : struct, IRollupKey
    {
        if (rows.Count == 0) return;
        _rows = new RowSource<TKey>(rows);
        try
        {
            Run(_table.Name, rows.Count);
        }
        finally
        {
            _rows = null;
        }
    }

    protected override void FillRows()
    {
        if (_rows is null) throw new InvalidOperationException("a table function's rows read outside an insert");
        while (Rows < Capacity && _rows.Next(this)) { }
    }

    /// <summary>One row: its key's period and values, then its sums.</summary>
    private void Row<TKey>(in TKey key, in RollupSums sums) where TKey : struct, IRollupKey
    {
        var column = 0;
        Timestamp(column++, key.Hour);
        for (var i = 0; i < key.Count; i++) Value(column++, key[i]);
        Int64(column++, sums.Requests);
        Int64(column++, sums.Bytes);
        Timestamp(column++, sums.First);
        Timestamp(column++, sums.Last);
        EndRow(column);
    }

    /// <summary>The rows being inserted, read in the set's order whatever the table's key type.</summary>
    private abstract class RowSource
    {
        /// <summary>Fills the next row, if any is left.</summary>
        public abstract bool Next(RollupRowsInsert insert);
    }

    private sealed class RowSource<TKey>(Dictionary<TKey, RollupSums> rows) : RowSource where TKey : struct, IRollupKey
    {
        private Dictionary<TKey, RollupSums>.Enumerator _rows = rows.GetEnumerator();

        public override bool Next(RollupRowsInsert insert)
        {
            if (!_rows.MoveNext()) return false;
            var row = _rows.Current;
            insert.Row(row.Key, row.Value);
            return true;
        }
    }

    /// <summary>One key value, as <see cref="RollupValues"/> knows them.</summary>
    private void Value(int column, object? value)
    {
        switch (value)
        {
            case null: Null(column); break;
            case string s: Varchar(column, s); break;
            case int i: Int32(column, i); break;
            case IReadOnlyList<string> list: VarcharList(column, list); break;
            default: throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(value));
        }
    }
}
