using System.Diagnostics;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// One fast-lane entry's hops (<see cref="Stopwatch"/> ticks): the batch's read, parsed and enriched times, then in the
/// lane: entered, the "raised before?" question asked (the lane's own set, then a read of the store's events) and
/// answered, stored (the commit into the lane's file), told (handed to the live feed). With the events it raised, so
/// a benchmark can follow each alert (bench/alerts_latency.py; on Linux the ticks are CLOCK_MONOTONIC nanoseconds).
/// <see cref="Steps"/> splits the lane's time further, for the benchmark only.
/// </summary>
public sealed record LaneTrace(BatchTimes Batch, long Entered, long Checked, long Stored, long Told, IReadOnlyList<NetEvent> Events,
    LaneSteps Steps = default)
{
    /// <summary>From reading the lines to entering the lane: parse, enrichment, the queues between.</summary>
    public TimeSpan SinceRead => Stopwatch.GetElapsedTime(Batch.ReadAt, Entered);

    /// <summary>From entering the lane to being told on the live feed.</summary>
    public TimeSpan InLane => Stopwatch.GetElapsedTime(Entered, Told);
}

/// <summary>
/// A lane entry's time split finer (bench/alerts_latency.py): when its raise asked for the lane (before waiting for the
/// raise ahead of it: the read-ahead's and the bulk pipeline's take turns) and when its commit began (after grouping,
/// which may read the store), in <see cref="Stopwatch"/> ticks; and, with <c>NETWATCH_TIMELINE</c> on, the thread's
/// CPU and time queued for a core at entering, answering "raised before?", the commit's start and its end
/// (<see cref="Timeline.Mark"/>: a slow step is then the CPU's, a core's or a wait's, and it is placed on the timeline).
/// </summary>
public readonly record struct LaneSteps(long Asked, long Storing, Timeline.Mark Entered, Timeline.Mark Checked, Timeline.Mark Committing,
    Timeline.Mark Committed);
