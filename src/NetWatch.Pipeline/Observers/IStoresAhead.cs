using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// An observer that also acts on each enriched batch before it queues for the store stage, storing what must not wait
/// for the bulk session (the alerts' fast lane: an alert-raising event with its alert and notifications). What it
/// stored ahead it hands to its own <see cref="IEventObserver.ObserveAsync"/> as a note on the batch, so the batch's
/// write session takes it over; after a crash, what it stored and no session took over is written first.
/// </summary>
public interface IStoresAhead
{
    /// <summary>
    /// Before the first batch: what an earlier run stored ahead and no write session took over (a crash), as a batch
    /// with its note, for the store stage to write before anything else; null when there is nothing.
    /// </summary>
    Task<(EventBatch Batch, object Note)?> RecoverAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Acts on an enriched batch, in stream order, before it queues for the store; returns a note for its write session,
    /// or null. <paramref name="times"/>: when its lines were read, parsed and enriched.
    /// </summary>
    Task<object?> AheadAsync(EventBatch batch, BatchTimes times, CancellationToken cancellationToken);
}
