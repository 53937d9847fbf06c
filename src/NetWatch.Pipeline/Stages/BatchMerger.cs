using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Pipeline.Stages;

/// <summary>
/// Joins consecutive batches of one source into one, so that a slow sink commits fewer, larger
/// transactions. Batches of different sources are never joined: each source keeps its own counts and
/// (for checkpointed sources) its own checkpoint, the last batch's.
/// </summary>
public static class BatchMerger
{
    public static IEnumerable<EventBatch> MergeRuns(IReadOnlyList<EventBatch> batches)
    {
        var start = 0;
        for (var i = 1; i <= batches.Count; i++)
        {
            if (i < batches.Count && batches[i].Source == batches[start].Source) continue;
            yield return Merge(batches, start, i - start);
            start = i;
        }
    }

    /// <summary>Consecutive batches of one source as one.</summary>
    public static EventBatch Merge(IReadOnlyList<EventBatch> batches) => Merge(batches, 0, batches.Count);

    private static EventBatch Merge(IReadOnlyList<EventBatch> batches, int start, int count)
    {
        if (count == 1) return batches[start];
        var events = new List<NetEvent>(Enumerable.Range(start, count).Sum(i => batches[i].Events.Count));
        var deadLetters = new List<DeadLetter>();
        long lines = 0;
        var skipped = new Dictionary<string, long>();
        for (var i = start; i < start + count; i++)
        {
            events.AddRange(batches[i].Events);
            deadLetters.AddRange(batches[i].DeadLetters);
            lines += batches[i].LinesRead;
            foreach (var (reason, n) in batches[i].SkippedByReason) skipped[reason] = skipped.GetValueOrDefault(reason) + n;
        }
        return batches[start + count - 1] with { Events = events, DeadLetters = deadLetters, LinesRead = lines, SkippedByReason = skipped };
    }
}
