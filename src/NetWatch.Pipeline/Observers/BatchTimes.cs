namespace NetWatch.Pipeline.Observers;

/// <summary>
/// When a batch's lines were read, parsed and enriched (<see cref="System.Diagnostics.Stopwatch"/> ticks), handed to the
/// observers that store ahead, so the alerts' fast lane can say where an alert's time went before it reached the lane.
/// </summary>
public readonly record struct BatchTimes(long ReadAt, long ParsedAt, long EnrichedAt)
{
    /// <summary>A batch that was not read from a source (what a crash left in the fast lane): all three now.</summary>
    public static BatchTimes At(long now) => new(now, now, now);
}
