using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// A written batch as observers see it: the batch, its events stored for the first time (<see cref="New"/>, in the
/// batch's order), and the notes enrichment stages left for observers about these events (e.g. what attribution's
/// findings collector holds until the store says which events were new).
/// </summary>
public sealed record ObservedBatch(EventBatch Batch, IReadOnlyList<NetEvent> New, IReadOnlyList<object> Notes);
