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
/// loses them as it loses its uncommitted session, and running it again stores them.
/// </summary>
internal sealed class WholeRowGroups
{
    private const string Table = "held_events";
    private readonly DuckDBConnection _connection;
    private readonly RowsInsert<NetEvent> _rows;

    public WholeRowGroups(DuckDBConnection connection, RowsInsert<NetEvent> rows)
    {
        _connection = connection;
        _rows = rows;
        _connection.Execute($"CREATE TEMP TABLE IF NOT EXISTS {Table} AS SELECT * FROM events LIMIT 0");
    }

    /// <summary>Rows held, not yet in the events table.</summary>
    public long Held { get; private set; }

    /// <summary>
    /// Appends <paramref name="added"/> (new events, in order) after the held rows: into the events table as many as
    /// complete whole row groups with the held ones, the rest held.
    /// </summary>
    public void Append(IReadOnlyList<NetEvent> added)
    {
        var total = Held + added.Count;
        var direct = 0;
        if (total >= RowGroupCheckpoints.RowGroupSize)
        {
            direct = (int)(total / RowGroupCheckpoints.RowGroupSize * RowGroupCheckpoints.RowGroupSize - Held);
            MoveHeld();
            _rows.Insert("events", added, 0, direct);
        }
        if (direct == added.Count) return;
        _rows.Insert($"temp.{Table}", added, direct);
        Held += added.Count - direct;
    }

    /// <summary>The held rows moved into the events table, in the caller's transaction.</summary>
    public void MoveHeld()
    {
        if (Held == 0) return;
        _connection.Execute($"INSERT INTO events SELECT * FROM temp.{Table}");
        _connection.Execute($"DELETE FROM temp.{Table}");
        Held = 0;
    }

    /// <summary>The condition, in SQL over a staged id <c>s.id</c>, that it is held here.</summary>
    public string HeldCondition => $"EXISTS (SELECT 1 FROM temp.{Table} h WHERE h.id = s.id)";

    /// <summary>After a rollback: the held rows are what the temporary table holds again.</summary>
    public void RolledBack()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM temp.{Table}";
        Held = Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>At the store's close: the held rows moved into the events table in a transaction of their own.</summary>
    public void Flush()
    {
        if (Held == 0) return;
        using var transaction = _connection.BeginTransaction();
        MoveHeld();
        transaction.Commit();
    }
}
