namespace NetWatch.Storage.Contracts.Aggregates;

/// <summary>Counts for dashboards: several aggregates in one call (what one dashboard page needs), each by its name.</summary>
public interface IAggregates
{
    Task<IReadOnlyList<AggregateResult>> AggregateAsync(IReadOnlyList<AggregateQuery> queries, CancellationToken cancellationToken);
}
