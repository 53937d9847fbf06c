using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The store's DuckDB returns freed pages to the kernel from jemalloc's background thread (allocator_background_threads),
/// not on the store thread after its appends and commits (bench/results/commit-2026-12-05-session28.txt). These read the
/// setting back as DuckDB took it, from a connection beside the store's (one setting per database).
/// </summary>
public class BackgroundPurgeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_live_store_purges_freed_pages_in_the_background()
    {
        using (DuckDbStore.Open(_dir.Path, checkpointEachRowGroup: true))
            Assert.Equal("true", Setting(_dir.Path));
    }

    [Fact]
    public void An_import_store_purges_freed_pages_in_the_background()
    {
        using (DuckDbStore.Open(_dir.Path, rollupsAtClose: true))
            Assert.Equal("true", Setting(_dir.Path));
    }

    private static string Setting(string directory)
    {
        using var connection = StoreFile.Connect(directory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('allocator_background_threads')";
        return Convert.ToString(command.ExecuteScalar())!.ToLowerInvariant();
    }
}
