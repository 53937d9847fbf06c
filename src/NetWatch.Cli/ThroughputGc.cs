using System.Runtime;

namespace NetWatch.Cli;

/// <summary>
/// The garbage collector's mode for a bulk verb. The CLI runs with concurrent (background) collections enabled, as
/// `netwatch run` needs: with them off, a full collection stops every thread while it marks the whole heap, and in the
/// live service at 20,000 lines/s those pauses (0.36-0.45 s on a quiet machine, 2.8-4.2 s under load) were the largest
/// part of an alert's worst latency (issue 15). An import has nobody waiting on it and wants throughput, so it
/// switches to <see cref="GCLatencyMode.Batch"/> (no background collections: the same collector as concurrent GC
/// turned off in the runtime configuration) for as long as it runs, and restores the mode after (tests run verbs in
/// one process).
/// </summary>
internal static class ThroughputGc
{
    public static IDisposable Enter()
    {
        var before = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        return new Restore(before);
    }

    private sealed class Restore(GCLatencyMode before) : IDisposable
    {
        public void Dispose() => GCSettings.LatencyMode = before;
    }
}
