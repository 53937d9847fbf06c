using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Storage.Diagnostics;

namespace NetWatch.Storage.Writing;

/// <summary>
/// The live service's checkpoints of the main file, on a connection of their own and off the store stage's thread,
/// started when the WAL has grown past <paramref name="walBytes"/> (DuckDB's own threshold is raised out of the way:
/// <see cref="DuckDbStore"/>). While one runs the store stage commits into the side file (<see cref="SideFile.DuckDbSideFile"/>),
/// so nothing of it waits for DuckDB's table lock. A checkpoint that fails (another write transaction was open) is tried
/// again after the next commit.
/// <para>
/// A checkpoint started when the store stage has been behind since the last one started (<paramref name="behind"/>:
/// <see cref="BehindSinceLastLook"/>, what the writer was told, <see cref="DuckDbStoreWriter.Behind"/>) does not merge
/// part-filled row groups (DuckDB's vacuum: max_vacuum_tasks 0 for that checkpoint alone). Behind, each session commits a row group of events and a few hundred more, which DuckDB
/// writes as a second, nearly empty row group; the vacuum then merged every such pair with its neighbours (4 row groups
/// into 3), decompressing and compressing again nearly every event stored since the last checkpoint, and the behind stage
/// waits for the whole checkpoint (bench/results/ckpt-2026-12-05-session30.txt). The small row groups stay until a
/// checkpoint after a whole interval of keeping up (the side file takes the batches meanwhile), or the close's, merges them.
/// </para>
/// <para>
/// A checkpoint started keeping up merges at most <see cref="MergesPerCheckpoint"/> of them in each table (DuckDB's vacuum
/// tasks, max_vacuum_tasks: its default is 100): after a restart on a store a long behind spell left (the live close leaves
/// them too: <see cref="DuckDbStore.LeaveRowGroupsUnmerged"/>), the first checkpoint keeping up merged them all at once
/// (4M events: 16 merges, 14.1-14.6 s CPU, 22-34 s wall, 1.6-1.8 GB of DuckDB spill) while the side file's hold filled and
/// the store stage waited up to 8 s for it (bench/results/paydown-2026-12-07-session42.txt). Bounded, they are merged a
/// few at a time over the checkpoints that follow.
/// </para>
/// </summary>
internal sealed class BackgroundCheckpoint(string directory, long walBytes, Func<bool>? behind = null) : IDisposable
{
    /// <summary>DuckDB's max_vacuum_tasks for a checkpoint started keeping up: one merge a table a checkpoint (a merge takes
    /// a few consecutive part-filled row groups into fewer, 4 into 3 after a behind spell: ~0.8-1.3 s CPU on events,
    /// bench/results/paydown-2026-12-07-session42.txt; DuckDB counts each row group a merge covers against the limit, so
    /// up to 4 still allow one merge only: BackgroundCheckpointMergeTests).</summary>
    internal const int MergesPerCheckpoint = 1;

    private readonly string _wal = Path.Combine(directory, StoreFile.FileName + ".wal");
    private DuckDBConnection? _connection;
    private Task? _running;

    /// <summary>Checkpoints completed, and failed.</summary>
    public int Completed { get; private set; }
    public int Failed { get; private set; }

    public bool Running => _running is { IsCompleted: false };

    /// <summary>Starts a checkpoint when none runs and the WAL is past the threshold; true when one started.</summary>
    public bool StartIfDue()
    {
        if (Running) return false;
        long length;
        try { length = new FileInfo(_wal).Length; }
        catch (FileNotFoundException) { return false; }
        if (length < walBytes) return false;
        if (_connection is null)
        {
            _connection = StoreFile.Connect(directory);
            CheckpointLog.Enable(_connection);
        }
        var connection = _connection;
        var merge = behind?.Invoke() != true;
        Timeline.Write($"checkpoint starts, WAL {length >> 20} MB{(merge ? $", at most {MergesPerCheckpoint} row-group merges" : ", no row-group merge")}");
        _running = Task.Run(() =>
        {
            try
            {
                var t0 = Timeline.Start();
                var wall = System.Diagnostics.Stopwatch.StartNew();
                // The settings are the database's: set for this checkpoint only, and put back (the live close merges none:
                // DuckDbStore.LeaveRowGroupsUnmerged). The store writes on one thread (DuckDbStore: the writing thread's
                // busy-wait); nothing writes the main file while it checkpoints (the side file takes the batches, or a behind
                // stage waits), so the checkpoint borrows DuckDB's threads.
                connection.Execute($"SET max_vacuum_tasks = {(merge ? MergesPerCheckpoint : 0)}");
                try
                {
                    connection.Execute("RESET threads");
                    connection.Execute("CHECKPOINT");
                }
                finally
                {
                    connection.Execute("SET threads = 1");
                    connection.Execute("RESET max_vacuum_tasks");
                }
                Timeline.Write($"checkpoint done: {Timeline.Since(t0)}");
                Completed++;
                CheckpointLog.Dump(connection, $"checkpoint {Completed}, WAL {length >> 20} MB, {wall.Elapsed.TotalSeconds:F3} s");
            }
            catch (DuckDBException ex)
            {
                Timeline.Write($"checkpoint failed: {ex.Message}");
                Failed++;
            }
        });
        return true;
    }

    public Task WaitAsync(CancellationToken cancellationToken) => (_running ?? Task.CompletedTask).WaitAsync(cancellationToken);

    public void Dispose()
    {
        _running?.Wait();
        _connection?.Dispose();
        _connection = null;
    }
}
