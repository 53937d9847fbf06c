namespace NetWatch.Service;

/// <summary>
/// The live service's thread-pool floor. The store stage, the alerts' fast lane and the store's readers make blocking
/// DuckDB calls on pool threads (a bulk session for seconds); with the runtime's default floor (one thread per core:
/// two here) the live feed's writes, the file watcher's wake-ups and the parse tasks then queue until the pool's hill
/// climbing adds a thread, about twice a second. Measured (bench/results/alerts-latency-2026-12-02-session11.txt, 5,000
/// lines/s, load 23-48): told on the live feed → at the client, p99 1,169 and 724 ms with the default floor, 110 and
/// 140 ms with 16. A floor is not a cap: threads above it are created only when work is waiting.
/// </summary>
public static class ThreadPoolFloor
{
    public const int MinWorkerThreads = 16;

    /// <summary>Raises the pool's minimum worker threads to <see cref="MinWorkerThreads"/> (never lowers it).</summary>
    public static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkerThreads) ThreadPool.SetMinThreads(MinWorkerThreads, io);
    }
}
