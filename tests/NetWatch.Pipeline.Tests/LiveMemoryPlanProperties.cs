using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace NetWatch.Pipeline.Tests;

/// <summary>
/// The live service's memory plan (<see cref="LiveMemoryPlan"/>): for any setting the service accepts, DuckDB's cache, the
/// managed heap's limit and the runtime's allowance add up to the setting and no more; the parts the budget bounds fit in
/// the heap's limit with room to spare; and the least fitting setting the service names on refusing a plan does fit.
/// </summary>
public sealed class LiveMemoryPlanProperties
{
    /// <summary>Settings from the least accepted (256MB) to 256 GB, in MB.</summary>
    private static Arbitrary<int> Megabytes => Gen.Choose((int)(MemoryBudget.Minimum >> 20), 256 * 1024).ToArbitrary();

    [Property(MaxTest = 2_000)]
    public Property The_shares_add_up_to_the_setting_and_the_bounded_parts_fit_in_the_heap() =>
        Prop.ForAll(Megabytes, mb =>
        {
            var budget = new MemoryBudget((long)mb << 20);
            var plan = new LiveMemoryPlan(budget, LoadedBytes: 0);
            return plan.StoreBytes + plan.ManagedHeapBytes + plan.RuntimeBytes == budget.Bytes
                && plan.StoreBytes > 0 && plan.ManagedHeapBytes > 0 && plan.RuntimeBytes >= budget.Bytes / 5
                && plan.Fits
                && budget.BatchBytes + budget.SideHeldBytes + budget.OpenVisits.MaxBytes + budget.EvictedIndexBytes + budget.Bytes * LiveMemoryPlan.HostPercent / 100
                    <= plan.ManagedHeapBytes;
        });

    [Property(MaxTest = 500)]
    public Property A_plan_that_does_not_fit_names_a_setting_that_does_and_none_smaller_by_64MB() =>
        Prop.ForAll(Megabytes, Gen.Choose(0, 4_096).ToArbitrary(), (mb, loadedMb) =>
        {
            var plan = new LiveMemoryPlan(new MemoryBudget((long)mb << 20), (long)loadedMb << 20);
            var least = plan.LeastFittingBytes();
            var fitsThere = new LiveMemoryPlan(new MemoryBudget(least), plan.LoadedBytes).Fits;
            return plan.Fits
                ? least == plan.Budget.Bytes
                : fitsThere && least > plan.Budget.Bytes && !new LiveMemoryPlan(new MemoryBudget(least - (64L << 20)), plan.LoadedBytes).Fits;
        });

    [Fact]
    public void Under_1GB_the_plan_is_DuckDB_256_MB_a_heap_of_409_MB_and_358_MB_for_the_runtime()
    {
        // 38 MB: what the shipped lists, school list and policy 000 keep once loaded (measured at the service's start).
        var plan = new LiveMemoryPlan(new MemoryBudget(1L << 30), 38L << 20);
        Assert.Equal(256, plan.StoreBytes >> 20);
        Assert.Equal(409, plan.ManagedHeapBytes >> 20);
        Assert.Equal(358, plan.RuntimeBytes >> 20);
        Assert.True(plan.Fits, plan.ToString());
        // The batches (3 joined writes of 26,214 events) and the side file's hold (2) at 1 KB an event: 76 and 51 MB.
        Assert.Equal(76, plan.Budget.BatchBytes >> 20);
        Assert.Equal(51, plan.Budget.SideHeldBytes >> 20);
        Assert.Equal(26_214, plan.Budget.MaxEventsPerWrite);
        // The shipped lists do not fit under the least setting: the service refuses it at start.
        Assert.False(new LiveMemoryPlan(new MemoryBudget(MemoryBudget.Minimum), 38L << 20).Fits);
    }
}
