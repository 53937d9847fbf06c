using DuckDB.NET.Data;
using NetWatch.Storage.Native;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The live store steers DuckDB's jemalloc (<see cref="DuckDbJemalloc"/>): the pages it frees leave the RSS when purged
/// (no MADV_FREE hold), and each background checkpoint gives back what it freed (bench/results/ckpt-2026-12-05-session24.txt).
/// DuckDB's Linux x64 build is what the service ships on; elsewhere the calls do nothing.
/// </summary>
public class JemallocTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Duckdbs_jemalloc_answers_on_linux_x64()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture != System.Runtime.InteropServices.Architecture.X64) return;
        Assert.True(DuckDbJemalloc.Available);
        var figures = DuckDbJemalloc.Read();
        Assert.True(figures.Allocated > 0);
        Assert.True(figures.Active >= figures.Allocated);
    }

    [Fact]
    public void A_live_store_has_pages_purged_at_once_rather_than_lazily()
    {
        if (!DuckDbJemalloc.Available) return;
        using (DuckDbStore.Open(_dir.Path, sideFileWal: DuckDbStore.DefaultSideFileWal))
            Assert.Equal(0, DuckDbJemalloc.MuzzyDecay());
    }

    [Fact]
    public void A_purge_gives_back_the_pages_duckdb_freed()
    {
        if (!DuckDbJemalloc.Available) return;
        // Measured while the database is open: closing it has DuckDB purge everything itself.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            // ~100 MB of strings in DuckDB's buffers, then freed: jemalloc keeps the pages (dirty) for its decay.
            command.CommandText = "CREATE TABLE t AS SELECT repeat('x', 40) || i AS s FROM range(2000000) r(i); DROP TABLE t;";
            command.ExecuteNonQuery();
        }
        var before = DuckDbJemalloc.Read();
        DuckDbJemalloc.Purge();
        var after = DuckDbJemalloc.Read();
        Assert.True(before.Dirty + before.Muzzy > 16L << 20, $"held before the purge: {(before.Dirty + before.Muzzy) >> 20} MB");
        Assert.True(after.Dirty + after.Muzzy < (before.Dirty + before.Muzzy) / 2, $"{(after.Dirty + after.Muzzy) >> 20} MB held after");
    }
}
