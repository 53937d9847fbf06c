namespace NetWatch.Core.Visits;

/// <summary>
/// How many visits the live service holds open in memory (<paramref name="MaxOpen"/>; past it, those with the oldest end are
/// left to the store, <see cref="VisitAggregator.Evict"/>) and the bits of each generation of the filter that remembers which
/// keys were left (<see cref="EvictedVisits"/>). Derived from the memory budget (the Pipeline's MemoryBudget).
/// </summary>
public sealed record OpenVisitBudget(int MaxOpen, int FilterBits)
{
    /// <summary>What an eviction leaves open: 90% of the bound, so that a batch or two may add visits before the next one.</summary>
    public int Keep => MaxOpen - MaxOpen / 10;
}
