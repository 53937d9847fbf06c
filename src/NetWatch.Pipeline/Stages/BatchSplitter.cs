using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// Cuts a batch in two after its first N events, so that the store stage can commit a session at a row-group boundary
/// in the middle of a joined batch (<see cref="PipelineOptions.SessionEvents"/>). The first part keeps the batch's dead
/// letters, lines read and skipped lines, the second only its remaining events: summed, the two count what the batch did.
/// </summary>
public static class BatchSplitter
{
    public static (EventBatch First, EventBatch Second) Split(EventBatch batch, int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(events, batch.Events.Count);
        var first = new List<NetEvent>(events);
        var rest = new List<NetEvent>(batch.Events.Count - events);
        for (var i = 0; i < batch.Events.Count; i++) (i < events ? first : rest).Add(batch.Events[i]);
        return (batch with { Events = first },
            batch with { Events = rest, DeadLetters = Array.Empty<DeadLetter>(), LinesRead = 0, SkippedByReason = new Dictionary<string, long>() });
    }
}
