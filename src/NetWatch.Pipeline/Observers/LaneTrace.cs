using System.Diagnostics;
using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// One fast-lane entry's hops (<see cref="Stopwatch"/> ticks): the batch's read, parsed and enriched times, then in the
/// lane: entered, the "raised before?" question asked (the lane's own set, then a read of the store's events) and
/// answered, stored (the commit into the lane's file), told (handed to the live feed). With the events it raised, so
/// a benchmark can follow each alert (bench/alerts_latency.py; on Linux the ticks are CLOCK_MONOTONIC nanoseconds).
/// </summary>
public sealed record LaneTrace(BatchTimes Batch, long Entered, long Checked, long Stored, long Told, IReadOnlyList<NetEvent> Events)
{
    /// <summary>From reading the lines to entering the lane: parse, enrichment, the queues between.</summary>
    public TimeSpan SinceRead => Stopwatch.GetElapsedTime(Batch.ReadAt, Entered);

    /// <summary>From entering the lane to being told on the live feed.</summary>
    public TimeSpan InLane => Stopwatch.GetElapsedTime(Entered, Told);
}
