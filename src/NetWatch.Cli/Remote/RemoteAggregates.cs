using System.Globalization;
using NetWatch.Api.Routes;
using NetWatch.Storage.Contracts.Aggregates;

namespace NetWatch.Cli.Remote;

/// <summary>
/// <see cref="IAggregates"/> over <c>GET /api/aggregates</c>, one request per query. The API buckets in Europe/London
/// by hour, day or week (not by term): a query asking otherwise is refused here rather than answered differently.
/// </summary>
internal sealed class RemoteAggregates(ApiClient api) : IAggregates
{
    private static readonly NodaTime.DateTimeZone London = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];

    public async Task<IReadOnlyList<AggregateResult>> AggregateAsync(IReadOnlyList<AggregateQuery> queries, CancellationToken cancellationToken)
    {
        var results = new List<AggregateResult>(queries.Count);
        foreach (var q in queries)
        {
            if (q.Bucket == TimeBucket.Term || q.Zone != London)
                throw new NotSupportedException("the service's API buckets by hour, day or week in Europe/London");
            var parameters = EventFilters.ToParameters(q.Filter).ToList();
            if (q.Bucket != TimeBucket.None) parameters.Add(new("bucket", q.Bucket.ToString().ToLowerInvariant()));
            if (q.By != AggregateDimension.None)
                parameters.Add(new("by", AggregateRoutes.ByName(q.By) ?? throw new NotSupportedException($"the service's API does not aggregate by {q.By}")));
            if (q.Top is { } top) parameters.Add(new("top", top.ToString(CultureInfo.InvariantCulture)));
            using var document = (await api.GetJsonAsync(ApiClient.Route("api/aggregates", parameters), cancellationToken))!;
            var rows = document.RootElement.GetProperty("rows").EnumerateArray().Select(r => new AggregateRow(
                RemoteEventSearch.Time(r, "bucket_start"), RemoteEventSearch.Str(r, "bucket"), RemoteEventSearch.Str(r, "key"),
                r.GetProperty("requests").GetInt64(), r.GetProperty("bytes").GetInt64(), r.GetProperty("visit_minutes").GetDouble())
            {
                First = RemoteEventSearch.Time(r, "first"), Last = RemoteEventSearch.Time(r, "last"),
            }).ToList();
            results.Add(new AggregateResult(q.Name, rows));
        }
        return results;
    }
}
