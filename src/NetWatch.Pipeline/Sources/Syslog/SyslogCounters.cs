namespace NetWatch.Pipeline.Sources.Syslog;

/// <summary>What a syslog receiver has seen: messages received, and messages lost before NetWatch could read them.</summary>
public sealed class SyslogCounters
{
    private long _received;
    private long _droppedQueueFull;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>UDP datagrams dropped because NetWatch's own queue was full (TCP waits instead).</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>UDP datagrams the kernel dropped because the socket's receive buffer was full (Linux /proc/net/udp).</summary>
    public Func<long> KernelDrops { get; set; } = () => 0;

    internal void AddReceived() => Interlocked.Increment(ref _received);
    internal void AddDropped() => Interlocked.Increment(ref _droppedQueueFull);
}
