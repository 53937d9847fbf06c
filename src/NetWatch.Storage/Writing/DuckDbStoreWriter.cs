using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage.Writing;

/// <summary>
/// Hands out write sessions over the store's writer connection, one at a time. <paramref name="rollupsAtClose"/>: the
/// sessions leave the roll-ups owed (<see cref="RollupPending"/>) for the store to count at its close (an import).
/// Otherwise a session begun while the writer is told behind (<see cref="Behind"/>) leaves its own owed, and a session
/// begun keeping up counts one owed session (<see cref="RollupCatchUp"/>).
/// </summary>
internal sealed class DuckDbStoreWriter(DuckDBConnection connection, IClock clock, RowGroupCheckpoints? checkpoints, bool rollupsAtClose,
    bool wholeRowGroups = false, int insertThreads = 1, bool oneThread = false) : IStoreWriter, IBehindAware
{
    private readonly EventBatchWriter _batches = new(connection, wholeRowGroups, insertThreads);
    private readonly RowsInsert<Core.Visits.IVisitView> _visits = VisitTable.RegisterRows(connection);
    private readonly RollupWriter _rollups = new(connection);
    private readonly OwedSessions _owed = new(connection);
    private DuckDbWriteSession? _open;

    /// <summary>The events held back from the table until they fill a row group (<paramref name="wholeRowGroups"/>), if any.</summary>
    internal WholeRowGroups? Whole => _batches.Whole;

    /// <summary>
    /// Behind, DuckDB runs every statement on the writing thread alone (as an import does: <see cref="StoreFile.Open"/>'s
    /// oneThread), and gets its threads back once the stage keeps up. With them, the writing thread busy-waits while
    /// DuckDB's worker runs its statement's tasks (DuckDB issue 22178): ~10% of the live service's CPU samples at 50,000
    /// lines/s, where the other core is busy parsing and enriching anyway. `threads` is the database's setting: the reads
    /// of the API run on one thread too while the stage is behind. A checkpoint the stage waits for, writing nothing, gets
    /// the threads: with one, a behind stage at 50,000 lines/s waited ~12 s for each (the checkpoint's one thread shares the
    /// cores with parsing and enrichment); with them, a 1M-line backlog's checkpoint took 3.0-3.2 s against 4.2-28 s under
    /// load 12-17 (at 50,000 lines/s on a quiet machine no shorter wait was shown: bench/results/lead-2026-12-05-session27.txt).
    /// </summary>
    /// <remarks>A writer on one thread throughout (<paramref name="oneThread"/>: the live service's, whose background checkpoints
    /// borrow DuckDB's threads, <see cref="BackgroundCheckpoint"/>) leaves the setting alone.</remarks>
    public void Behind(bool behind)
    {
        if (!oneThread) connection.Execute(behind ? "SET threads = 1" : "RESET threads");
        BehindSince.Tell(behind);
    }

    /// <summary>What the writer was told (<see cref="Behind"/>) since a checkpoint last looked.</summary>
    public BehindSinceLastLook BehindSince { get; } = new();

    public IWriteSession Begin()
    {
        lock (this)
        {
            if (_open is { IsOpen: true })
                throw new InvalidOperationException("a write session is already open on this store: commit or dispose it first");
            // Behind, a live session leaves its roll-ups owed (RollupCatchUp): an import's owes them by the hour anyway.
            var owed = !rollupsAtClose && BehindSince.Now ? _owed.Take() : (long?)null;
            return _open = new DuckDbWriteSession(connection, _batches, _visits, _rollups, clock, checkpoints, rollupsAtClose, _owed, owed);
        }
    }
}
