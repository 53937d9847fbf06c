using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Flows;

/// <summary>A batch the store has committed: how many of its events were new, its checkpoint's source (if any), and how long it took from read to stored.</summary>
public sealed record StoredBatch(EventBatch Batch, int Stored, TimeSpan Latency, string? CheckpointSource = null)
{
    /// <summary>The events the batch had when it was written (its <see cref="Batch"/> may no longer hold them: <see cref="Released"/>).</summary>
    public int EventCount { get; init; } = Batch.Events.Count;

    /// <summary>
    /// A batch written into a session that commits later (the live stage behind), kept until then without its events: what
    /// is counted of it once stored (its source, lines, dead letters, skipped lines, the number of its events and of the
    /// new ones) stays, and the events, which the session has written, can be collected before the commit.
    /// </summary>
    public static StoredBatch Released(EventBatch batch, int stored) =>
        new(batch with { Events = [] }, stored, TimeSpan.Zero) { EventCount = batch.Events.Count };
}
