namespace NetWatch.Service.Metrics;

/// <summary>A Prometheus histogram of batch latency (read → committed), in seconds.</summary>
public sealed class LatencyHistogram
{
    public static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumMicros;

    public void Observe(TimeSpan latency)
    {
        var seconds = latency.TotalSeconds;
        var i = 0;
        while (i < Bounds.Length && seconds > Bounds[i]) i++;
        Interlocked.Increment(ref _counts[i]);
        Interlocked.Add(ref _sumMicros, (long)(seconds * 1e6));
    }

    /// <summary>Cumulative counts per bound (the last is +Inf), the sum in seconds, and the count.</summary>
    public (long[] Cumulative, double Sum, long Count) Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++) cumulative[i] = running += Interlocked.Read(ref _counts[i]);
        return (cumulative, Interlocked.Read(ref _sumMicros) / 1e6, running);
    }
}
