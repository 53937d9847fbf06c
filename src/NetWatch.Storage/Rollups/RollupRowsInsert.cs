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
    private Dictionary<RollupKey, RollupSums>.Enumerator _rows;
    private bool _inserting;

    private RollupRowsInsert(DuckDBConnection connection, RollupTable table) : base(connection, table.Name, "rollup") => _table = table;

    /// <summary>Registers this connection's function of <paramref name="table"/>'s rows.</summary>
    public static RollupRowsInsert Register(DuckDBConnection connection, RollupTable table)
    {
        var insert = new RollupRowsInsert(connection, table);
        insert.Register();
        return insert;
    }

    /// <summary>Inserts every row of <paramref name="rows"/>, in the set's order, into the table, in the connection's transaction.</summary>
    public void Insert(Dictionary<RollupKey, RollupSums> rows)
    {
        if (rows.Count == 0) return;
        (_rows, _inserting) = (rows.GetEnumerator(), true);
        try
        {
            Run(_table.Name, rows.Count);
        }
        finally
        {
            (_rows, _inserting) = (default, false);
        }
    }

    protected override void FillRows()
    {
        if (!_inserting) throw new InvalidOperationException("a table function's rows read outside an insert");
        while (Rows < Capacity && _rows.MoveNext())
        {
            var (key, sums) = _rows.Current;
            var column = 0;
            Timestamp(column++, key.Hour);
            for (var i = 0; i < key.Count; i++) Value(column++, key[i]);
            Int64(column++, sums.Requests);
            Int64(column++, sums.Bytes);
            Timestamp(column++, sums.First);
            Timestamp(column++, sums.Last);
            EndRow(column);
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
