namespace NetWatch.Pipeline;

/// <summary>
/// How the live service spends its <c>memory:</c> setting, so that the parts add up to it rather than to more (issue 18):
/// DuckDB's cache (<see cref="MemoryBudget.LiveStoreBytes"/>), the managed heap under a GC hard limit
/// (<see cref="MemoryBudget.ManagedHeapBytes"/>) and the rest left to the runtime and the native libraries (DuckDB's
/// work beside its cache, the side file's and the fast lane's own databases, the mapped libraries and assemblies: ~250-330
/// MB measured under 1GB). Without a limit the concurrent GC let the heap reach twice what was alive before a full
/// collection (559 MB committed, 260-280 alive at 50,000 lines/s); with one it collects sooner.
/// The heap must hold, at once, what the configuration loaded (<paramref name="LoadedBytes"/>, measured after the lists,
/// policy and people load: ~38 MB for the shipped lists), the batches in flight, the side file's hold, the open visits and the index of those left at their
/// caps, and the rest (the host, the API's answers, the findings). A store stage behind keeps, until its session commits,
/// only the counts of the batches it has written into it (<see cref="Flows.StoredBatch.Released"/>): with their events it
/// held up to a row group's worth (~200 MB) beyond these parts. The side file's hold and the batches in flight are counted
/// in full together: a stage behind never holds batches in the side file (it moves them before its first write), but a
/// stage keeping up whose hold fills while a checkpoint runs waits for it with the batch that did not fit, and meanwhile
/// the next joined write and the parsed blocks fill (Flows/StoreFlow, TakeHeldAsync): both at their bounds at once.
/// The batches and the hold are counted at <see cref="MemoryBudget.HeapBytesPerEvent"/> (1 KB, 683 B measured) an event.
/// <see cref="Fits"/> says whether it can, with at least
/// <see cref="HostPercent"/> of the setting to spare. A plan that does not fit would run out of managed memory once the
/// visits reach their cap (an OutOfMemoryException stops the service), so the service refuses it at start instead.
/// </summary>
public sealed record LiveMemoryPlan(MemoryBudget Budget, long LoadedBytes)
{
    /// <summary>What the managed heap keeps free beyond the parts that are bounded, in percent of the setting: 3% since the
    /// side file's hold is counted (5% before), as the estimates the parts are counted by are above what was measured
    /// (1 KB an event against 683 B, 512 B a visit against 446 B), which leaves more room than this.</summary>
    public const int HostPercent = 3;

    public long StoreBytes => Budget.LiveStoreBytes;

    public long ManagedHeapBytes => Budget.ManagedHeapBytes;

    /// <summary>What is left to the runtime and the native libraries (35%: 358 MB under 1GB).</summary>
    public long RuntimeBytes => Budget.Bytes - StoreBytes - ManagedHeapBytes;

    /// <summary>What the managed heap must hold at most: the loaded configuration, the batches, the side file's hold, the open visits and the index of those left.</summary>
    public long BoundedBytes => LoadedBytes + Budget.BatchBytes + Budget.SideHeldBytes + Budget.OpenVisits.MaxBytes + Budget.EvictedIndexBytes;

    public bool Fits => BoundedBytes + Budget.Bytes * HostPercent / 100 <= ManagedHeapBytes;

    /// <summary>The least setting (in steps of 64 MB) under which this configuration's plan fits.</summary>
    public long LeastFittingBytes()
    {
        var bytes = Math.Max(Budget.Bytes, MemoryBudget.Minimum);
        while (!new LiveMemoryPlan(new MemoryBudget(bytes), LoadedBytes).Fits) bytes += 64L << 20;
        return bytes;
    }

    public override string ToString() =>
        $"memory {Budget}: DuckDB {Mb(StoreBytes)} MB, managed heap limit {Mb(ManagedHeapBytes)} MB (configuration loaded " +
        $"{Mb(LoadedBytes)} MB, batches {Mb(Budget.BatchBytes)} MB, the side file's hold {Mb(Budget.SideHeldBytes)} MB, open visits {Mb(Budget.OpenVisits.MaxBytes)} MB + the index of those left " +
        $"{Mb(Budget.EvictedIndexBytes)} MB), runtime and native libraries {Mb(RuntimeBytes)} MB";

    private static long Mb(long bytes) => bytes >> 20;
}
