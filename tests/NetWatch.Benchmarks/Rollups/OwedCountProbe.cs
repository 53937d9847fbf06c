using System.Diagnostics;
using DuckDB.NET.Data;
using NetWatch.Storage;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;

namespace NetWatch.Benchmarks.Rollups;

/// <summary>
/// `owed-count STORE [grouped|per-session|one-transaction|none|settle|explain][-unmerged] [DUCKDB_MB]`: counts every session a killed live service left owed in STORE
/// (a copy: it is changed) as the close would, then closes it, and prints the events owed, process CPU and wall of the
/// count, the WAL it left for the final checkpoint, and that checkpoint's wall.
/// grouped: <see cref="RollupPending.CountAll"/> (groups of <see cref="OwedGroup.MaxEvents"/>); per-session: one step per
/// session, each its own transaction (session 40's close); one-transaction: every step in one transaction (the failure
/// session 40 saw once); none: nothing counted (the close alone); settle: opened and closed, nothing counted (the WAL a kill left checkpointed: the fixture);
/// explain: as none, with the WAL the open left and DuckDB's log of the close's checkpoint (run as an explicit CHECKPOINT first).
/// </summary>
public static class OwedCountProbe
{
    public static void Run(string store, string mode, long memoryMb)
    {
        if (mode == "settle")
        {
            // The WAL a kill left replayed and checkpointed, nothing counted: a fixture each run copies.
            StoreFile.Open(store, memoryMb << 20).Dispose();
            return;
        }
        // MODE-unmerged: the close leaves part-filled row groups unmerged, as the live store's close (DuckDbStore.LeaveRowGroupsUnmerged).
        var unmerged = mode.EndsWith("-unmerged");
        if (unmerged) mode = mode[..^"-unmerged".Length];
        var file = Path.Combine(store, DuckDbStore.FileName);
        // As the live service's store: its DuckDB memory (256 MB of a 1 GB budget) and its checkpoint threshold (the side
        // file's: no checkpoint before the close's).
        using var connection = StoreFile.Open(store, memoryMb << 20); // the open counts no owed session (RollupBackfill)
        connection.Execute("RESET threads");
        connection.Execute("SET checkpoint_threshold = '1024MB'");
        var owed = Scalar(connection, $"""
            SELECT count(*) FROM {EventTables.WithOwed} WHERE {EventTables.OwedColumn} IN (SELECT {RollupPending.Session} FROM {RollupPending.Table})
            """);
        var sessions = Scalar(connection, $"SELECT count(DISTINCT {RollupPending.Session}) FROM {RollupPending.Table}");
        var groups = OwedGroup.All(connection).Count;
        var wal0 = WalBytes(file);
        if (mode == "explain")
        {
            // What a close with nothing counted checkpoints: the WAL the open left, then DuckDB's own checkpoint log of an
            // explicit CHECKPOINT (the close's, done before it), to the file NETWATCH_CHECKPOINT_LOG names.
            Console.WriteLine($"owed-count explain: WAL after the open {wal0:N0} bytes");
            foreach (var sql in (string[])["CALL enable_logging(level = 'debug')", "SET enabled_log_types = 'Checkpoint'", "SET logging_mode = 'ENABLE_SELECTED'"])
                connection.Execute(sql);
            var explainWall = Stopwatch.StartNew();
            var explainCpu = Process.GetCurrentProcess().TotalProcessorTime;
            if (unmerged) DuckDbStore.LeaveRowGroupsUnmerged(connection);
            connection.Execute("CHECKPOINT");
            Console.WriteLine($"owed-count explain: CHECKPOINT {explainWall.Elapsed.TotalSeconds:F1} s wall {(Process.GetCurrentProcess().TotalProcessorTime - explainCpu).TotalSeconds:F1} s CPU");
            using (var log = connection.CreateCommand())
            {
                log.CommandText = "SELECT message FROM duckdb_logs WHERE type = 'Checkpoint' ORDER BY timestamp";
                using var reader = log.ExecuteReader();
                using var writer = File.CreateText(Environment.GetEnvironmentVariable("NETWATCH_CHECKPOINT_LOG") ?? "/dev/stdout");
                while (reader.Read()) writer.WriteLine(reader.GetString(0));
            }
            mode = "none";
        }
        var load0 = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        string outcome = "ok";
        try
        {
            switch (mode)
            {
                case "grouped":
                    RollupPending.CountAll(connection, RollupPending.All);
                    break;
                case "per-session":
                    while (true)
                    {
                        using var step = connection.BeginTransaction();
                        if (RollupCatchUp.Step(connection) is null) break;
                        step.Commit();
                    }
                    break;
                case "one-transaction":
                    using (var all = connection.BeginTransaction())
                    {
                        while (RollupCatchUp.Step(connection) is not null) { }
                        all.Commit();
                    }
                    break;
                case "none":
                    break;
                default: throw new ArgumentException($"mode {mode}: grouped, per-session or one-transaction");
            }
        }
        catch (Exception e) when (e is DuckDBException or InvalidOperationException)
        {
            outcome = $"FAILED {e.GetType().Name}: {e.Message}";
        }
        var countWall = wall.Elapsed.TotalSeconds;
        var countCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        var wal = WalBytes(file) - wal0;
        var left = Scalar(connection, $"SELECT count(DISTINCT {RollupPending.Session}) FROM {RollupPending.Table}");
        var close = Stopwatch.StartNew();
        var closeCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        if (unmerged) DuckDbStore.LeaveRowGroupsUnmerged(connection);
        connection.Dispose();
        var closeCpu = (Process.GetCurrentProcess().TotalProcessorTime - closeCpu0).TotalSeconds;
        var after = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        Console.WriteLine(
            $"owed-count {mode}{(unmerged ? "-unmerged" : "")}: {sessions} sessions ({groups} groups), {owed:N0} events owed; count {countWall:F1} s wall, {countCpu:F1} s CPU " +
            $"({countCpu / (owed / 1e6):F2} s CPU per M); WAL +{wal / 1048576.0:F0} MB; final checkpoint {close.Elapsed.TotalSeconds:F1} s wall {closeCpu:F1} s CPU; " +
            $"{left} sessions left owed; {outcome}; load {load0} -> {after}");
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static long WalBytes(string file) => File.Exists(file + ".wal") ? new FileInfo(file + ".wal").Length : 0;
}
