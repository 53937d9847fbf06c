using DuckDB.NET.Data;

namespace NetWatch.Storage.Writing;

/// <summary>
/// The live service's checkpoints (moving what the WAL holds into the compressed file): after the commit that brings the
/// rows committed since the last checkpoint to a whole row group, instead of at DuckDB's 256 MB WAL threshold (~360,000
/// of our rows: the 13-17 s stalls of bench/results/live-lag-2026-12-02.txt). DuckDB 1.5's commits wait while a
/// checkpoint writes the events table (and a session's checkpoint-row upsert and visit deletes take the global checkpoint
/// lock), so a checkpoint stalls the stream whichever connection runs it: what can be chosen is its size. It costs about
/// what the rows since the last one cost to compress, plus rewriting the row group the last one left partly filled; so
/// one a row group is a third of the stall, and checkpoints more often than that cost more CPU for no shorter stall
/// (every 25,000 rows: 3x the CPU of one at the end). An import keeps DuckDB's threshold: its sessions are large, and
/// checkpointing each row group cost it a third more CPU (bench/results/checkpoint-cost-2026-12-02.txt).
/// The WAL threshold (<see cref="StoreFile"/>) stays as a backstop for writes other than rows.
/// </summary>
internal sealed class RowGroupCheckpoints(DuckDBConnection connection, long rowsPerCheckpoint = RowGroupCheckpoints.RowGroupSize)
{
    /// <summary>DuckDB's rows per row group (its default <c>row_group_size</c>).</summary>
    public const int RowGroupSize = 122_880;

    private long _rows;

    /// <summary>Checkpoints made so far (for tests and figures).</summary>
    public int Count { get; private set; }

    /// <summary>After a commit of <paramref name="rows"/> rows: checkpoints when a row group's worth is waiting.</summary>
    public void Committed(long rows)
    {
        _rows += rows;
        if (_rows < rowsPerCheckpoint) return;
        connection.Execute("CHECKPOINT");
        _rows = 0;
        Count++;
    }
}
