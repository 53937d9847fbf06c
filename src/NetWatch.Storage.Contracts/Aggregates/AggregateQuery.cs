using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Storage.Contracts.Aggregates;

/// <summary>
/// One aggregate: the events <see cref="Filter"/> selects, cut by <see cref="Bucket"/> (local time in <see cref="Zone"/>)
/// and grouped by <see cref="By"/>; with <see cref="Top"/>, only the N groups with most requests (over the whole range).
/// Page views and other actions are counted as the filter says: a dashboard of page views filters out dns-query.
/// </summary>
public sealed record AggregateQuery
{
    public string Name { get; init; } = "";
    public EventQuery Filter { get; init; } = EventQuery.All;
    public TimeBucket Bucket { get; init; } = TimeBucket.None;
    public AggregateDimension By { get; init; } = AggregateDimension.None;
    public int? Top { get; init; }
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/London"];
    /// <summary>Whether to count the visit minutes of the rows (false: 0, and the visits are not read: a trend or a list
    /// of visitors that shows none).</summary>
    public bool VisitMinutes { get; init; } = true;
    /// <summary>The school's terms, for <see cref="TimeBucket.Term"/>: events outside every term fall in no bucket.</summary>
    public IReadOnlyList<TermRange> Terms { get; init; } = [];
}

/// <summary>A named term: [Start, End] local dates inclusive.</summary>
public sealed record TermRange(string Name, LocalDate Start, LocalDate End);
