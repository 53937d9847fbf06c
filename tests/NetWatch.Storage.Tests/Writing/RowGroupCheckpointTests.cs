using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The live service's store checkpoints after the commit that brings a row group's worth of rows (122,880) since the last
/// checkpoint, not at DuckDB's 256 MB WAL threshold. A copy of the store's files taken between sessions is what a kill -9 at that
/// moment leaves on disk: whatever was committed, before or after a checkpoint, must open from it.
/// </summary>
public class RowGroupCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TempDirectory _crash = new();
    private const int PerSession = 50_000;

    private string Wal => _dir.File(DuckDbStore.FileName + ".wal");
    private long WalBytes => File.Exists(Wal) ? new FileInfo(Wal).Length : 0;

    [Fact]
    public async Task Rows_committed_before_and_after_a_checkpoint_survive_a_crash_and_the_checkpoint_empties_the_wal()
    {
        using (var store = DuckDbStore.Open(_dir.Path, checkpointEachRowGroup: true))
        {
            await WriteSessionAsync(store, 0);
            await WriteSessionAsync(store, 1);
            // 100,000 rows: under a row group, so still in the WAL
            Assert.True(WalBytes > 1 << 20, $"WAL {WalBytes} bytes after 100,000 rows");
            Assert.Equal(2 * PerSession, await CountAfterCrashAsync());

            await WriteSessionAsync(store, 2);
            // 150,000 rows: the commit that crossed a row group checkpointed them into the file
            Assert.True(WalBytes < 1 << 20, $"WAL {WalBytes} bytes after 150,000 rows");
            Assert.Equal(3 * PerSession, await CountAfterCrashAsync());

            await WriteSessionAsync(store, 3);
            Assert.Equal(4 * PerSession, await CountAfterCrashAsync());
        }
    }

    private static async Task WriteSessionAsync(DuckDbStore store, int session)
    {
        var events = Enumerable.Range(session * PerSession + 1, PerSession).Select(i => TestEvents.Minimal(i)).ToList();
        using var write = store.Writer.Begin();
        Assert.Equal(PerSession, (await write.WriteEventsAsync(events, CancellationToken.None)).New.Count);
        await write.CommitAsync(CancellationToken.None);
    }

    /// <summary>Copies the store's files as they are on disk now (the store still open) and counts the events in the copy.</summary>
    private async Task<long> CountAfterCrashAsync()
    {
        foreach (var file in Directory.GetFiles(_crash.Path)) File.Delete(file);
        foreach (var file in Directory.GetFiles(_dir.Path, DuckDbStore.FileName + "*"))
            File.Copy(file, Path.Combine(_crash.Path, Path.GetFileName(file)));
        using var copy = DuckDbStore.Open(_crash.Path);
        return await copy.Search.CountAsync(EventQuery.All, CancellationToken.None);
    }

    public void Dispose()
    {
        _crash.Dispose();
        _dir.Dispose();
    }
}
