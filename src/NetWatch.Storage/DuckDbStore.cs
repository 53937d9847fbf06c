using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Storage.Accounts;
using NetWatch.Storage.Aggregates;
using NetWatch.Storage.Alerts;
using NetWatch.Storage.Audit;
using NetWatch.Storage.Checkpoints;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.FastLane;
using NetWatch.Storage.Retention;
using NetWatch.Storage.Search;
using NetWatch.Storage.SideFile;
using NetWatch.Storage.Writing;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>
/// The embedded store behind the contracts: one DuckDB file (<see cref="FileName"/>) in a directory. Writes go through one connection, one transaction per write session; every read
/// opens its own connection to the same database (DuckDB's MVCC), so the API reads while the pipeline writes and
/// never sees a batch half-written.
/// </summary>
public sealed class DuckDbStore : IStore
{
    private readonly DuckDBConnection _connection;
    private readonly DuckDbAlertFastLane _fastLane;
    private readonly DuckDbStoreWriter _writer;
    private readonly DuckDbSideFile? _side;
    /// <summary>An import's store: its close counts everything owed (<see cref="Open"/>'s <c>rollupsAtClose</c>).</summary>
    private readonly bool _rollupsAtClose;

    private DuckDbStore(string directory, DuckDBConnection connection, IClock clock, bool checkpointEachRowGroup = false, bool readRollups = true,
        bool rollupsAtClose = false, bool wholeRowGroups = false, long? sideFileWal = null, int insertThreads = 1)
    {
        Location = directory;
        _connection = connection;
        _rollupsAtClose = rollupsAtClose;
        Writer = _writer = new DuckDbStoreWriter(connection, clock, checkpointEachRowGroup ? new RowGroupCheckpoints(connection) : null, rollupsAtClose,
            wholeRowGroups, insertThreads, oneThread: sideFileWal is not null);
        Checkpoints = new DuckDbCheckpointReader(Read);
        if (sideFileWal is { } wal)
        {
            // The service decides when the main file checkpoints (BackgroundCheckpoint); DuckDB's own threshold stays as a
            // backstop, out of the way.
            connection.Execute($"SET checkpoint_threshold = '{Math.Max(4 * wal, 1L << 30) >> 20}MB'");
            // DuckDB on the writing thread alone, keeping up as behind: with its worker thread the writing thread busy-waits
            // inside DuckDB while the worker runs a statement's task (DuckDB issue 22178, still in 1.5): 11.8% of the CPU samples
            // of the keeping-up sessions alone, whose process CPU per event one thread cut by 18-20% (the live-commit probe,
            // bench/results/commit-2026-12-07-session42.txt). Setting it per session instead cost as much again in system time
            // (DuckDB's worker thread stopped and started ~4 times a second). The background checkpoints borrow the threads
            // (BackgroundCheckpoint); the API's reads run on one thread too, as they did behind.
            connection.Execute("SET threads = 1");
            _side = new DuckDbSideFile(directory, Read, new BackgroundCheckpoint(directory, wal, _writer.BehindSince.Look));
            Checkpoints = new SideCheckpointReader(Checkpoints, _side, clock);
        }
        Search = new DuckDbEventSearch(Read, readRollups);
        Aggregates = new DuckDbAggregates(Read, readRollups);
        Retention = new DuckDbRetention(Read);
        Audit = new DuckDbAuditLog(Read);
        Alerts = new DuckDbAlertStore(Read);
        Outbox = new DuckDbAlertOutbox(Read);
        _fastLane = new DuckDbAlertFastLane(directory, Read);
        if (MemorySamples.Enabled) MemorySamples.DuckDb = DuckDbMemoryBytes;
        Diagnostics.NativeHeapSamples.StartIfAsked(DuckDbMemoryBytes, () => _side?.MemoryBytes() ?? -1);
    }

    /// <summary>DuckDB's memory for this database (its buffer pool and what it holds beside it): <c>duckdb_memory()</c>.</summary>
    public long? MemoryInUse() => DuckDbMemoryBytes();

    /// <summary><see cref="MemoryInUse"/> on a read connection, for /metrics and the diagnostics' samples.</summary>
    private long DuckDbMemoryBytes()
    {
        using var connection = Read();
        return connection.MemoryBytes();
    }

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="directory"/>; <paramref name="memoryLimit"/> bounds DuckDB's
    /// own memory in bytes (default 1 GB; a write spills to temporary files rather than go over it).
    /// <paramref name="checkpointEachRowGroup"/>: checkpoint after each row group's worth of committed rows (the live
    /// service: shorter stalls, see <see cref="RowGroupCheckpoints"/>) rather than at DuckDB's WAL threshold (an import).
    /// <paramref name="rollupsAtClose"/>: for a writer that nothing reads beside (an import): the write sessions leave the
    /// roll-ups owed and <see cref="Dispose"/> counts them once (<see cref="Rollups.RollupPending"/>; several times cheaper
    /// on a bulk import). The roll-ups are right only after the close (or, after a crash, the next open). Such a store runs
    /// DuckDB on the writing thread alone until its close (<see cref="StoreFile.Open"/>'s <c>oneThread</c>: no CPU spent
    /// waiting for DuckDB's background threads); the close's count and checkpoint use them all.
    /// <paramref name="wholeRowGroups"/>: for a bulk import whose sessions hold nothing but events and dead letters (no
    /// observers, no source checkpoints): events reach the table in whole row groups, the rest held until the next session or
    /// the close (<see cref="Events.WholeRowGroups"/>: no WAL copy of small commits, no part-filled row groups for checkpoints
    /// to merge); until the close, the events of the sessions committed so far are not all in the table.
    /// <paramref name="sideFileWal"/>: for the live service: the main file is checkpointed in the background once its WAL
    /// has this many bytes, and the store stage commits into the side file meanwhile (<see cref="Side"/>; null: no side file,
    /// DuckDB's own threshold checkpoints at a commit).
    /// <paramref name="insertThreads"/>: with <paramref name="rollupsAtClose"/> and without <paramref name="wholeRowGroups"/>
    /// (an import with observers), more than 1 holds each session's new events until its commit and inserts them on this many
    /// of DuckDB's threads (<see cref="Events.EventsAtCommit"/>; <see cref="ImportInsertThreads"/>); 1: each call inserts its own.
    /// </summary>
    public static DuckDbStore Open(string directory, IClock? clock = null, long? memoryLimit = null, bool checkpointEachRowGroup = false,
        bool rollupsAtClose = false, bool wholeRowGroups = false, long? sideFileWal = null, int insertThreads = 1)
    {
        if (insertThreads > 1 && !rollupsAtClose)
            throw new ArgumentException("events inserted on several threads need an import's store (rollupsAtClose)", nameof(insertThreads));
        return new(directory, StoreFile.Open(directory, memoryLimit ?? StoreFile.DefaultMemoryLimit, oneThread: rollupsAtClose), clock ?? SystemClock.Instance,
            checkpointEachRowGroup,
            rollupsAtClose: rollupsAtClose, wholeRowGroups: wholeRowGroups, sideFileWal: sideFileWal, insertThreads: insertThreads);
    }

    /// <summary>
    /// The threads an import's events go in on at each commit (<see cref="Open"/>'s <c>insertThreads</c>): two where the
    /// machine has two cores (the store thread and the one the rest of the pipeline leaves half idle), else one. An import's
    /// sessions are then this many row groups (<c>Ingestion</c>), so that every thread has a whole row group to write, when the
    /// memory budget holds them (<c>MemoryBudget.ImportInsertThreads</c>: a quarter of it; else one thread, nothing held).
    /// </summary>
    public static int ImportInsertThreads => Math.Min(2, Environment.ProcessorCount);

    /// <summary>The name of the side file in the store's directory (<see cref="ISideFile"/>; made by its first batch).</summary>
    public const string SideFileName = SideFileSchema.FileName;

    /// <summary>The WAL size at which the live service checkpoints the main file in the background (as DuckDB's threshold).</summary>
    public const long DefaultSideFileWal = 256L << 20;

    /// <summary>
    /// The store with its reads answered from the events alone, never from the roll-ups (which it still keeps): the
    /// contract tests run against both, so the two ways must give the same answers.
    /// </summary>
    internal static DuckDbStore OpenReadingEventsOnly(string directory) =>
        new(directory, StoreFile.Open(directory), SystemClock.Instance, readRollups: false);

    /// <summary>The name of the store's database file in its directory.</summary>
    public const string FileName = StoreFile.FileName;

    /// <summary>The name of the alerts' fast lane's own database file in the store's directory (made by its first entry).</summary>
    public const string FastLaneFileName = FastLaneFile.FileName;

    /// <summary>True when <paramref name="directory"/> holds a store.</summary>
    public static bool Exists(string directory) => StoreFile.Exists(directory);

    public string Location { get; }
    public IStoreWriter Writer { get; }
    public ICheckpointReader Checkpoints { get; }
    public IEventSearch Search { get; }
    public IAggregates Aggregates { get; }
    public IRetention Retention { get; }
    public IAuditLog Audit { get; }
    public IAlertStore Alerts { get; }
    public IAlertOutbox Outbox { get; }
    public IAlertFastLane FastLane => _fastLane;
    public ISideFile? Side => _side;
    public IAccountStore Accounts => new DuckDbAccountStore(Read);

    /// <summary>A new connection to the store's database for one read (disposed by the reader).</summary>
    private DuckDBConnection Read() => StoreFile.Connect(Location);

    /// <summary>
    /// How long the close of a store other than an import's counts the sessions the live service left owed (looked at before
    /// each group of <see cref="Rollups.OwedGroup.MaxEvents"/> events, so it may run one group over: a few seconds at most).
    /// A service that was behind for minutes leaves ~80 sessions, ~10,000,000 events: counting them all took 54 s at session
    /// 40's stop, then the final checkpoint 21 s, near systemd's 90 s TimeoutStopSec (then SIGKILL). What is left stays owed
    /// in the file: the next run's sessions keeping up count it, and readers answer from the events meanwhile
    /// (<see cref="Rollups.OwedRollups"/>). An import's close counts all: its roll-ups are right after it.
    /// </summary>
    internal TimeSpan OwedSessionsAtClose { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the close reports a count of the owed roll-ups that failed (standard error; a test's writer).</summary>
    internal TextWriter CloseErrors { get; set; } = Console.Error;

    /// <summary>
    /// Makes the database's next checkpoints (here: the close's) leave part-filled row groups as they are: no vacuum
    /// (DuckDB's <c>max_vacuum_tasks</c>; the setting is the process's, not kept in the file). The live service's
    /// checkpoints while behind merge none (<see cref="Writing.BackgroundCheckpoint"/>), so the close's full checkpoint
    /// found them all: on a store a killed service left after 150 s behind at 50,000 lines/s (5.4M events), merging them
    /// was 12 s CPU of a close that wrote nothing else (bench/results/stop2-2026-12-07-session41.txt). Left, they are merged
    /// by the next run's first checkpoint while keeping up, in the background, not during a stop systemd bounds.
    /// </summary>
    internal static void LeaveRowGroupsUnmerged(DuckDBConnection connection) => connection.Execute("SET max_vacuum_tasks = 0");

    public void Dispose()
    {
        _fastLane.Dispose();
        // A background checkpoint finishes before the main file closes.
        _side?.Dispose();
        // The events held back for a whole row group go in first: not in a try, as a failure here loses them.
        _writer.Whole?.Flush();
        try
        {
            var rollups = PhaseTimes.StartFanOut();
            // An import's store runs DuckDB on its writing thread alone (StoreFile.Open's oneThread), to leave the other cores to
            // enrichment, and the live writer does while the stage is behind. At the close nothing runs beside it: the count and
            // the final checkpoint get DuckDB's threads back (1,000,000 enriched lines, 2 cores: roll-ups 5.0-5.8 -> 3.2-3.3 s
            // wall, final checkpoint 1.4-1.7 -> 0.9-1.0 s).
            _connection.Execute("RESET threads");
            // An import's hours, or the sessions the live service stored behind and has not caught up yet (for a bounded time).
            Rollups.RollupPending.CountAll(_connection, _rollupsAtClose ? Rollups.RollupPending.All : OwedSessionsAtClose);
            PhaseTimes.AddFanOut("close: roll-ups owed", rollups);
        }
        catch (Exception e) when (e is DuckDBException or InvalidOperationException)
        {
            // Still owed in the file (the failed group rolled back whole): counted later (an import's hours at the next open,
            // sessions by the next run's sessions keeping up). Reported, not thrown: a close must not hide the exception that
            // may be on its way out already.
            CloseErrors.WriteLine($"netwatch: the store's close could not count the owed roll-ups (they stay owed, counted later): {e.GetType().Name}: {e.Message}");
        }
        var close = PhaseTimes.Start();
        if (_side is not null) LeaveRowGroupsUnmerged(_connection);
        _connection.Dispose();
        PhaseTimes.Add("close: final checkpoint", close);
        if (MemorySamples.Enabled) MemorySamples.DuckDb = null;
    }
}
