using System.Collections.Concurrent;
using NetWatch.Pipeline.Sources.Syslog;

namespace NetWatch.Service.Metrics;

/// <summary>The running figures of one source, updated as its batches are stored.</summary>
public sealed class SourceMetrics(string name, string kind)
{
    private long _lines, _stored, _duplicates, _storedOffset;
    private long _caughtUpTicks = DateTime.UtcNow.Ticks;

    public string Name => name;
    public string Kind => kind;
    public long LinesRead => Interlocked.Read(ref _lines);
    public long EventsStored => Interlocked.Read(ref _stored);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public ConcurrentDictionary<string, long> DeadLettersByReason { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, long> SkippedByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Bytes written to the source and not yet stored (files); null where it has no meaning.</summary>
    public Func<long>? LagBytes { get; set; }

    public SyslogCounters? Syslog { get; set; }

    /// <summary>The byte offset of the last committed batch (files).</summary>
    public long StoredOffset
    {
        get => Interlocked.Read(ref _storedOffset);
        set => Interlocked.Exchange(ref _storedOffset, value);
    }

    /// <summary>Seconds since the source was last fully stored (0 while caught up).</summary>
    public double LagSeconds()
    {
        if (LagBytes is null) return 0;
        if (LagBytes() == 0)
        {
            Interlocked.Exchange(ref _caughtUpTicks, DateTime.UtcNow.Ticks);
            return 0;
        }
        return TimeSpan.FromTicks(DateTime.UtcNow.Ticks - Interlocked.Read(ref _caughtUpTicks)).TotalSeconds;
    }

    public void Add(Core.Events.EventBatch batch, int stored)
    {
        // Lines last: a reader that sees a batch's lines counted sees its events and dead letters too.
        foreach (var d in batch.DeadLetters) DeadLettersByReason.AddOrUpdate(d.Reason, 1, (_, n) => n + 1);
        foreach (var (reason, count) in batch.SkippedByReason) SkippedByReason.AddOrUpdate(reason, count, (_, n) => n + count);
        Interlocked.Add(ref _stored, stored);
        Interlocked.Add(ref _duplicates, batch.Events.Count - stored);
        Interlocked.Add(ref _lines, batch.LinesRead);
        LagSeconds();
    }
}
