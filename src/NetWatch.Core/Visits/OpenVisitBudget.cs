namespace NetWatch.Core.Visits;

/// <summary>
/// How much memory the live service's open visits may take (<paramref name="MaxBytes"/>, as
/// <see cref="VisitAggregator.HeldBytes"/> estimates it; past it, those with the oldest end are left to the store,
/// <see cref="VisitAggregator.Evict"/>). Derived from the memory budget (the Pipeline's MemoryBudget, which also reserves
/// room for the index of the visits left: the Pipeline's EvictedVisits keeps them in spill files, by key).
/// </summary>
public sealed record OpenVisitBudget(long MaxBytes)
{
    /// <summary>What an eviction leaves: 90% of the bound, so that a batch or two may add visits before the next one.</summary>
    public long KeepBytes => MaxBytes - MaxBytes / 10;

    /// <summary>A budget of about <paramref name="visits"/> single-request open visits (tests, NETWATCH_OPEN_VISITS).</summary>
    public static OpenVisitBudget OfVisits(int visits) => new((long)visits * VisitAggregator.BytesPerOpenVisit);
}
