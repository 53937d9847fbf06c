using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Writing;

namespace NetWatch.Storage.Events;

/// <summary>
/// A bulk import's events appended to the events table in whole row groups only (<see cref="RowGroupCheckpoints.RowGroupSize"/>
/// rows a commit), the rest held in a temporary table until the next session fills a row group with them, and the last
/// part moved in at the store's close (<see cref="Flush"/>). DuckDB stores a commit of at least a row group as the
/// compressed row groups it wrote while appending, but a smaller one through the WAL, uncompressed until a checkpoint;
/// and every commit leaves its last row group part-filled, which checkpoints then merge by rewriting the row groups
/// around it ("vacuum"). On 1,000,000 plain lines that merge was most of the close's final checkpoint, and the next
/// checkpoint after the import (any change to the store) still spent ~7 s of CPU merging what the import left
/// (bench/results/import-gap-2026-12-03.txt). Only for an import with nothing else in its sessions that depends on
/// the events being committed (no observers, no source checkpoints): held rows are not committed, so a killed import
/// loses them as it loses its uncommitted session, and running it again stores them. Each events table
/// (<see cref="EventTables"/>) has its own held rows and whole row groups.
/// </summary>
internal sealed class WholeRowGroups
{
    private readonly DuckDBConnection _connection;
    private readonly EventRowsInsert _rows;
    /// <summary>Rows held per events table.</summary>
    private readonly Dictionary<string, long> _held = [];

    public WholeRowGroups(DuckDBConnection connection, EventRowsInsert rows)
    {
        _connection = connection;
        _rows = rows;
        foreach (var table in EventTables.Physical)
        {
            _connection.Execute($"CREATE TEMP TABLE IF NOT EXISTS {HeldTable(table)} AS SELECT * FROM {table} LIMIT 0");
            _held[table] = 0;
        }
    }

    /// <summary>The temporary table of the rows held for an events table.</summary>
    private static string HeldTable(string table) => "held_" + table;

    /// <summary>Rows held, not yet in the events tables.</summary>
    public long Held => _held.Values.Sum();

    /// <summary>
    /// Appends <paramref name="added"/> (new events, in order) after the held rows of their table: into each events table
    /// as many as complete whole row groups with the held ones, the rest held.
    /// </summary>
    public void Append(IReadOnlyList<NetEvent> added) => _rows.Split(added, Append);

    private void Append(string table, IReadOnlyList<NetEvent> added)
    {
        var held = _held[table];
        var total = held + added.Count;
        var direct = 0;
        if (total >= RowGroupCheckpoints.RowGroupSize)
        {
            direct = (int)(total / RowGroupCheckpoints.RowGroupSize * RowGroupCheckpoints.RowGroupSize - held);
            MoveHeld(table);
            _rows.Insert(table, table, added, 0, direct);
        }
        if (direct == added.Count) return;
        _rows.Insert(table, $"temp.{HeldTable(table)}", added, direct);
        _held[table] += added.Count - direct;
    }

    /// <summary>The held rows moved into the events tables, in the caller's transaction.</summary>
    public void MoveHeld()
    {
        foreach (var table in EventTables.Physical) MoveHeld(table);
    }

    private void MoveHeld(string table)
    {
        if (_held[table] == 0) return;
        _connection.Execute($"INSERT INTO {table} SELECT * FROM temp.{HeldTable(table)}");
        _connection.Execute($"DELETE FROM temp.{HeldTable(table)}");
        _held[table] = 0;
    }

    /// <summary>The condition, in SQL over a staged id <c>s.id</c>, that it is held here.</summary>
    public string HeldCondition => string.Join(" OR ", EventTables.Physical.Where(t => _held[t] > 0)
        .Select(t => $"EXISTS (SELECT 1 FROM temp.{HeldTable(t)} h WHERE h.id = s.id)"));

    /// <summary>After a rollback: the held rows are what the temporary tables hold again.</summary>
    public void RolledBack()
    {
        foreach (var table in EventTables.Physical)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM temp.{HeldTable(table)}";
            _held[table] = Convert.ToInt64(command.ExecuteScalar());
        }
    }

    /// <summary>At the store's close: the held rows moved into the events tables in a transaction of their own.</summary>
    public void Flush()
    {
        if (Held == 0) return;
        using var transaction = _connection.BeginTransaction();
        MoveHeld();
        transaction.Commit();
    }
}
