namespace NetWatch.Pipeline.Tests;

/// <summary>
/// An import's session held for a parallel insert at its commit takes at most a quarter of the memory budget
/// (<see cref="MemoryBudget.ImportInsertThreads"/>): two row groups under the import's default 1GB, none under 512MB.
/// </summary>
public sealed class ImportHeldSessionTests
{
    [Theory]
    [InlineData("1GB", 2, 2)]
    [InlineData("960MB", 2, 2)]
    [InlineData("959MB", 2, 1)]
    [InlineData("512MB", 2, 1)]
    [InlineData("4GB", 2, 2)]
    [InlineData("4GB", 3, 3)]
    [InlineData("1GB", 1, 1)]
    public void The_threads_are_as_many_row_groups_as_a_quarter_of_the_budget_holds(string memory, int wanted, int threads)
    {
        var budget = MemoryBudget.Parse(memory, out var error) ?? throw new InvalidOperationException(error);

        Assert.Equal(threads, budget.ImportInsertThreads(wanted));
        var held = (long)budget.ImportInsertThreads(wanted) * PipelineOptions.StoreRowGroup * MemoryBudget.HeapBytesPerEvent;
        Assert.True(threads == 1 || held <= budget.Bytes * MemoryBudget.ImportHeldSessionPercent / 100);
    }

    [Fact]
    public void The_import_default_holds_two_row_groups() => Assert.Equal(2, MemoryBudget.ImportDefault.ImportInsertThreads(2));
}
