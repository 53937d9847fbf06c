namespace NetWatch.Pipeline;

/// <summary>What an import did with one source: lines read, events stored, duplicates skipped, dead letters by reason.</summary>
public sealed class SourceStats
{
    public long LinesRead { get; private set; }
    public long EventsStored { get; private set; }
    public long Duplicates { get; private set; }
    public SortedDictionary<string, long> DeadLettersByReason { get; } = new(StringComparer.Ordinal);
    public long DeadLetters => DeadLettersByReason.Values.Sum();
    public SortedDictionary<string, long> SkippedByReason { get; } = new(StringComparer.Ordinal);
    public long Skipped => SkippedByReason.Values.Sum();
    /// <summary>For a gzip file cut short: the lines read before its compressed stream ended early; else null.</summary>
    public long? CompressedEndsEarlyAfterLines { get; set; }
    /// <summary>The earliest @timestamp among the events read (stored or already stored); null before any.</summary>
    public NodaTime.Instant? EarliestEvent { get; private set; }

    public void Add(Core.Events.EventBatch batch, int stored)
    {
        LinesRead += batch.LinesRead;
        EventsStored += stored;
        Duplicates += batch.Events.Count - stored;
        foreach (var e in batch.Events)
            if (EarliestEvent is not { } earliest || e.Timestamp < earliest) EarliestEvent = e.Timestamp;
        foreach (var (reason, n) in batch.SkippedByReason) SkippedByReason[reason] = SkippedByReason.GetValueOrDefault(reason) + n;
        foreach (var d in batch.DeadLetters)
            DeadLettersByReason[d.Reason] = DeadLettersByReason.GetValueOrDefault(d.Reason) + 1;
    }
}
