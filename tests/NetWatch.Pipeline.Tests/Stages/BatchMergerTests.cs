using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Stages;
using NetWatch.Tests.Shared;

namespace NetWatch.Pipeline.Tests.Stages;

public class BatchMergerTests
{
    private static EventBatch Batch(string source, long first, int count) => new(source,
        Enumerable.Range(0, count).Select(i => TestEvents.Minimal(first + i, source: source)).ToList(),
        [new DeadLetter(source, first + count, "x", "r", null, TestEvents.Base)], count + 1, first + count);

    [Fact]
    public void Consecutive_batches_of_one_source_join_and_sources_stay_apart()
    {
        var merged = BatchMerger.MergeRuns([Batch("a", 1, 3), Batch("a", 5, 2), Batch("b", 1, 4), Batch("a", 8, 1)]).ToList();

        Assert.Equal(["a", "b", "a"], merged.Select(m => m.Source));
        Assert.Equal([1L, 2L, 3L, 5L, 6L], merged[0].Events.Select(e => e.Origin.LineNumber));
        Assert.Equal([4L, 7L], merged[0].DeadLetters.Select(d => d.LineNumber));
        Assert.Equal(7, merged[0].LinesRead);
        Assert.Equal(7, merged[0].LastLineNumber);
        Assert.Equal(5, merged[1].LinesRead);
        Assert.Equal(9, merged[2].LastLineNumber);
    }
}
