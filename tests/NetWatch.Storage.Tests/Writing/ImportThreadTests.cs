using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// An import's store (<c>rollupsAtClose</c>) runs DuckDB on the writing thread alone: with background threads the writer
/// busy-waited inside DuckDB while they ran its statements' tasks (bench/results/import-gap-2026-12-03-session14.txt). The live
/// service's store (with a side file) runs it on one thread too, keeping up as behind (the same busy-wait), and its background
/// checkpoints borrow DuckDB's threads; any other store keeps DuckDB's own thread count, which its parallel reads use, except
/// while its store stage is behind (<see cref="IBehindAware"/>).
/// </summary>
public class ImportThreadTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_import_store_runs_duckdb_on_one_thread_and_the_live_store_keeps_duckdbs_default()
    {
        using (DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
            Assert.Equal(1, Threads(_dir.Path));
        using (DuckDbStore.Open(_dir.Path))
            Assert.Equal(DefaultThreads(), Threads(_dir.Path));
    }

    [Fact]
    public void The_live_store_runs_duckdb_on_one_thread_while_its_stage_is_behind_and_gets_the_threads_back_after()
    {
        using var store = DuckDbStore.Open(_dir.Path);
        var aware = Assert.IsAssignableFrom<IBehindAware>(store.Writer);
        aware.Behind(true);
        Assert.Equal(1, Threads(_dir.Path));
        // Told while a session is open (the stage catches up in the middle of a session kept open): the session still commits.
        using (var session = store.Writer.Begin())
        {
            aware.Behind(false);
            session.WriteEventsAsync([TestEvents.Minimal(1)], CancellationToken.None).GetAwaiter().GetResult();
            session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        Assert.Equal(DefaultThreads(), Threads(_dir.Path));
        Assert.Equal(1, store.Search.CountAsync(new NetWatch.Storage.Contracts.Search.EventQuery(), CancellationToken.None).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task The_live_services_store_runs_duckdb_on_one_thread_keeping_up_and_gives_it_back_after_each_background_checkpoint()
    {
        using var store = DuckDbStore.Open(_dir.Path, sideFileWal: 1);
        Assert.Equal(1, Threads(_dir.Path));
        var aware = Assert.IsAssignableFrom<IBehindAware>(store.Writer);
        aware.Behind(true);
        aware.Behind(false);
        Assert.Equal(1, Threads(_dir.Path));
        using (var session = store.Writer.Begin())
        {
            await session.WriteEventsAsync([TestEvents.Minimal(1)], CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        // The WAL is past its one byte: a background checkpoint runs with DuckDB's threads, and puts the one thread back.
        Assert.True(store.Side!.CheckpointIfDue());
        await store.Side.WaitAsync(CancellationToken.None);
        Assert.Equal(1, store.Side.Checkpoints);
        Assert.Equal(1, Threads(_dir.Path));
        Assert.Equal(1, await store.Search.CountAsync(new NetWatch.Storage.Contracts.Search.EventQuery(), CancellationToken.None));
    }

    /// <summary>DuckDB's thread count for the store's database, as a connection beside the store's sees it (one setting per database).</summary>
    private static long Threads(string directory)
    {
        using var connection = StoreFile.Connect(directory);
        return Setting(connection);
    }

    private static long DefaultThreads()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return Setting(connection);
    }

    private static long Setting(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
