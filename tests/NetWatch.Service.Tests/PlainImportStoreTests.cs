using NetWatch.Pipeline;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Sources.File;
using NetWatch.Storage;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// An import of events alone (no lists, policy or attribution data) goes in as an enriched import does when its memory
/// budget holds two row groups: sessions of a row group a thread, inserted at their commits on two threads. Only on one
/// thread (a budget under about 960MB) does the store hold events back until they fill a row group. Either way it stores
/// every event and dead letter once.
/// </summary>
public sealed class PlainImportStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("1GB", false, 2)]
    [InlineData("512MB", true, 1)]
    public async Task A_plain_import_holds_whole_row_groups_only_on_one_thread(string memory, bool wholeRowGroups, int threads)
    {
        var log = SharedData.GenerateSquidLog(_dir.File("access.log"), 3_000, seed: 7);
        var store = _dir.File("store");
        var budget = MemoryBudget.Parse(memory, out var error) ?? throw new InvalidOperationException(error);
        var config = new ServiceConfig(store, [new FileSourceSettings(log, log, "squid-native") { Whole = true }], JsonLogs: false, Once: true)
        {
            Memory = budget,
        };
        (bool Whole, int Threads)? opened = null;
        var options = new IngestionOptions
        {
            OpenStore = (directory, limit, replay, whole, insertThreads) =>
            {
                opened = (whole, insertThreads);
                return DuckDbStore.Open(directory, memoryLimit: limit, rollupsAtClose: replay, wholeRowGroups: whole, insertThreads: insertThreads);
            },
        };

        using (var ingestion = Ingestion.Prepare(config, options))
            await ingestion.RunAsync(_ => { }, CancellationToken.None);

        var expectedThreads = Math.Min(threads, DuckDbStore.ImportInsertThreads);
        Assert.Equal((wholeRowGroups || expectedThreads == 1, expectedThreads), opened);
        var lines = File.ReadLines(log).Count();
        Assert.Equal((long)lines, StoreContents.Count(store, "SELECT count(*) FROM events") + StoreContents.Count(store, "SELECT count(*) FROM dead_letters"));
        Assert.Equal(0L, StoreContents.Count(store, "SELECT count(*) - count(DISTINCT id) FROM events"));
    }
}
