using NetWatch.Core.Events;

namespace NetWatch.Storage.Contracts.Writing;

/// <summary>
/// What a write did with each event of a batch: stored for the first time (<see cref="New"/>), rejected by the store
/// (<see cref="Rejected"/>, e.g. an Elasticsearch bulk item error), or neither (already stored: a replay). Observers
/// act on <see cref="New"/> only, so a re-import or a restart raises nothing twice.
/// </summary>
public sealed record EventWriteResult(IReadOnlyList<NetEvent> New, IReadOnlyList<RejectedEvent> Rejected)
{
    public static readonly EventWriteResult Nothing = new([], []);
}

/// <summary>An event the store would not take, and why (kept as a dead letter by the caller, never dropped silently).</summary>
public sealed record RejectedEvent(NetEvent Event, string Reason);
