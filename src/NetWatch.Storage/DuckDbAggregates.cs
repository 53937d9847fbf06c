using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Aggregates;

namespace NetWatch.Storage;

/// <summary>Aggregates over the events and visits tables (GROUP BY in DuckDB).</summary>
internal sealed class DuckDbAggregates(Func<DuckDBConnection> connect) : IAggregates
{
    public Task<IReadOnlyList<AggregateResult>> AggregateAsync(IReadOnlyList<AggregateQuery> queries, CancellationToken cancellationToken) =>
        throw new NotSupportedException("aggregates: being written");
}
