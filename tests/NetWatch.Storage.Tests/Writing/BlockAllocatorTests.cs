using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// An import's store keeps a pool of DuckDB's buffer blocks (block_allocator_memory, a quarter of DuckDB's memory limit)
/// so a freed block is reused instead of faulted in afresh (bench/results/knobs-2026-12-04-session19.txt); the live
/// store keeps DuckDB's default, no pool. These read the setting back as DuckDB took it.
/// </summary>
public class BlockAllocatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_import_store_keeps_a_quarter_of_duckdbs_default_memory_limit_as_its_block_pool()
    {
        using (DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
            Assert.Equal("256.0 MiB", Setting(_dir.Path));
    }

    [Fact]
    public void A_smaller_memory_budget_gives_an_import_a_smaller_pool()
    {
        using (DuckDbStore.Open(_dir.Path, memoryLimit: 400L << 20, rollupsAtClose: true))
            Assert.Equal("100.0 MiB", Setting(_dir.Path));
    }

    [Fact]
    public void The_live_store_keeps_duckdbs_default_of_no_pool()
    {
        using (DuckDbStore.Open(_dir.Path))
            Assert.Equal("0 bytes", Setting(_dir.Path));
    }

    /// <summary>The setting for the store's database, as a connection beside the store's sees it (one setting per database).</summary>
    private static string Setting(string directory)
    {
        using var connection = StoreFile.Connect(directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('block_allocator_memory')";
        return Convert.ToString(command.ExecuteScalar())!;
    }
}
