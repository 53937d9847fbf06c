using DuckDB.NET.Data;
using NetWatch.Storage.Audit;
using NetWatch.Storage.Checkpoints;
using NetWatch.Storage.Events;
using NetWatch.Storage.Visits;

namespace NetWatch.Storage;

/// <summary>
/// The store's one DuckDB file in its directory: opening it (creating the directory, the file and every table
/// as needed, and moving an older store's data onto the current tables) is what <see cref="DuckDbStore"/> opens.
/// </summary>
internal static class StoreFile
{
    public const string FileName = "netwatch.duckdb";

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, FileName));

    /// <summary>DuckDB's own memory (its buffer cache and working memory) when no budget gives another.</summary>
    public const long DefaultMemoryLimit = 1L << 30;

    /// <summary>
    /// Opens (creating if needed) the store in <paramref name="directory"/>, its schema brought up to date; DuckDB's memory
    /// limited to <paramref name="memoryLimit"/> bytes (for the whole database: every connection of the process shares it).
    /// <paramref name="oneThread"/>: DuckDB runs every statement on the calling thread, with no background threads (a writer
    /// that nothing reads beside, an import). With them, the calling thread busy-waits while they finish its statement's tasks
    /// (DuckDB 1.5's PendingQueryResult loop, DuckDB issue 22178): on a plain import of 1,000,000 lines about 17% of the
    /// process's CPU samples were that wait, in the commits (the row groups' compression) and the roll-up count at the close.
    /// An import's store also keeps freed buffer blocks for reuse (<see cref="BlockAllocatorMemory"/>).
    /// </summary>
    public static DuckDBConnection Open(string directory, long memoryLimit = DefaultMemoryLimit, bool oneThread = false)
    {
        Directory.CreateDirectory(directory);
        var connection = Connect(directory);
        try
        {
            // Checkpointing compresses and rewrites row groups; doing it every 16 MB of WAL (the default)
            // costs more than the appends themselves on a bulk import; 256 MB bounds the memory held meanwhile.
            // The WAL is replayed after a crash.
            connection.Execute("SET checkpoint_threshold = '256MB'");
            connection.Execute($"SET memory_limit = '{memoryLimit >> 20}MB'");
            if (oneThread)
            {
                connection.Execute("SET threads = 1");
                connection.Execute($"SET block_allocator_memory = '{BlockAllocatorMemory(memoryLimit) >> 20}MiB'");
            }
            StoreVersionCheck.Ensure(connection, directory);
            foreach (var statement in StoreSchema.Statements) connection.Execute(statement);
            EventTableMigration.Apply(connection);
            foreach (var statement in VisitTable.Statements) connection.Execute(statement);
            foreach (var statement in CheckpointSchema.Statements) connection.Execute(statement);
            LegacyPositionMigration.Apply(connection);
            foreach (var statement in AuditSchema.Statements) connection.Execute(statement);
            foreach (var statement in Accounts.AccountSchema.Statements) connection.Execute(statement);
            foreach (var statement in Alerts.AlertSchema.Statements) connection.Execute(statement);
            Rollups.RollupBackfill.Ensure(connection);
            StoreInfo.Keep(connection, StoreVersionCheck.Key, StoreSchema.Version.ToString());
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Memory DuckDB's block allocator keeps for its 256 KB buffer blocks once they have been used: a quarter of DuckDB's
    /// memory limit (256 MiB under the default). With none (DuckDB's default) every block a row group's append, copy or
    /// compression frees goes back to jemalloc, which hands it back to the kernel, and the next block faults its pages in
    /// afresh (StringAppend, ColumnDataCopy, InitializeValidityMask: about a third of an import's page faults). With the
    /// pool, a freed block is reused as it is. Enriched 1M import, 8 interleaved pairs at loads 13-20: minor faults
    /// 367-408k against 420-521k (lower in every pair), CPU lower in 5 of 8 pairs (3 of 3 in the last sitting), mean
    /// -0.6 s of 33 s; 512 MiB cut no more faults than 256. The pool's pages stay resident once touched (that is the
    /// point), inside what DuckDB uses at its peak anyway: peak RSS 833-886 MB against 800-902 MB. Same stored data.
    /// Figures: bench/results/knobs-2026-12-04-session19.txt. An import's store only (<c>oneThread</c>): the live
    /// service was not measured, and there a pool kept resident after a burst would count against its RSS for weeks.
    /// </summary>
    public static long BlockAllocatorMemory(long memoryLimit) => memoryLimit / 4;

    /// <summary>
    /// The DuckDB storage format a new store file is written in: DuckDB 1.5's, whose string compression (DICT_FSST, one
    /// method for what Dictionary and FSST did apart) DuckDB's default format (v0.10.2, readable by older DuckDBs) lacks.
    /// Copying an enriched import's 1,000,000 events into a fresh file (one thread) took 8.8 s CPU instead of 12.4 s, of
    /// which 5.6 s is the copy without compressing, and gave 87 MB instead of 90 MB
    /// (bench/results/close-2026-12-03-session16.txt). A store created earlier keeps its file's format: DuckDB reads
    /// the version from the file, and this setting only chooses it for a file it creates.
    /// </summary>
    public const string StorageVersion = "v1.5.0";

    /// <summary>
    /// A connection to the store's database. Within a process every connection to one file shares one DuckDB
    /// database (DuckDB.NET keeps it while a connection is open), so this is cheap once the store is open; every
    /// connection names the same configuration, so whichever opens the database first creates a new file in
    /// <see cref="StorageVersion"/>.
    /// </summary>
    public static DuckDBConnection Connect(string directory)
    {
        var connection = new DuckDBConnection(
            $"Data Source={Path.Combine(directory, FileName)};storage_compatibility_version={StorageVersion}");
        connection.Open();
        return connection;
    }

    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's memory for the connection's database (its buffer pool and what it holds beside it): <c>duckdb_memory()</c>, in bytes.</summary>
    public static long MemoryBytes(this DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory()";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>True when the store (the connection's own database, not its temp views) has the view <paramref name="view"/> in its main schema.</summary>
    public static bool ViewExists(this DuckDBConnection connection, string view) => connection.InMainSchema("duckdb_views()", "view_name", view);

    /// <summary>True when the store (the connection's own database, not its temp tables) has the table <paramref name="table"/> in its main schema.</summary>
    public static bool TableExists(this DuckDBConnection connection, string table) => connection.InMainSchema("duckdb_tables()", "table_name", table);

    /// <summary>True when DuckDB's <paramref name="catalog"/> function lists <paramref name="name"/> (its column <paramref name="nameColumn"/>) in the store's main schema.</summary>
    private static bool InMainSchema(this DuckDBConnection connection, string catalog, string nameColumn, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT count(*) FROM {catalog}
            WHERE database_name = current_database() AND schema_name = 'main' AND {nameColumn} = $name
            """;
        command.Parameters.Add(new DuckDBParameter("name", name));
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}
