namespace NetWatch.Storage.Events;

/// <summary>
/// Fills a table function's output chunks on one of the threads DuckDB runs the function on (<see cref="TableRowsFunction"/>):
/// each lane has its own chunk state and string memory, so lanes on different threads share nothing mutable but what
/// their function hands out to them under its own synchronisation.
/// </summary>
internal abstract class ChunkLane(bool[] isList) : ChunkFiller(isList)
{
    /// <summary>Writes the next rows (every column of a row before the next) until the chunk is full (<see cref="ChunkFiller.Rows"/>
    /// = <see cref="ChunkFiller.Capacity"/>) or none is left for this lane; throws when called outside an insert.</summary>
    protected abstract void FillRows();

    /// <summary>A full chunk ends <see cref="FillRows"/>'s loop: DuckDB takes it when the callback returns.</summary>
    protected override void Full()
    {
    }

    /// <summary>Fills DuckDB's output chunk <paramref name="output"/> (none written: this lane is done).</summary>
    internal void FillChunk(nint output)
    {
        Start(output);
        FillRows();
        Finish();
    }
}
