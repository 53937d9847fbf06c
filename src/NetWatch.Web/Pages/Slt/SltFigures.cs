using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// The SLT's figures over a period (a week for the dashboard, a term for the report), asked of the store in one
/// call: personal use in working hours and in breaks by department and by role, top categories and registered
/// domains, blocked attempts, prohibited-category breaches by person (pseudonyms), and a weekly trend by verdict.
/// Page views only: findings are left out.
/// </summary>
public sealed class SltFigures
{
    public const string PersonalWorking = "personal-working-hours";
    public const string PersonalBreak = "personal-break";
    public const string Prohibited = "prohibited";
    public const string Denied = "denied";
    public const int Top = 10;

    private readonly IReadOnlyDictionary<string, IReadOnlyList<AggregateRow>> _rows;
    private readonly DateTimeZone _zone;

    private SltFigures(IReadOnlyDictionary<string, IReadOnlyList<AggregateRow>> rows, DateTimeZone zone) => (_rows, _zone) = (rows, zone);

    public IReadOnlyList<AggregateRow> this[string name] => _rows.TryGetValue(name, out var r) ? r : [];

    public long Total(string name) => this[name].Sum(r => r.Requests);

    public long PageViews => Total("verdicts");
    public long Blocked => Total("blocked-total");
    public long ProhibitedViews => this["verdicts"].Where(r => r.Key == Prohibited).Sum(r => r.Requests);
    public long SafeguardingViews => this["verdicts"].Where(r => r.Key == "safeguarding").Sum(r => r.Requests);
    public long Personal(string verdict) => this["verdicts"].Where(r => r.Key == verdict).Sum(r => r.Requests);

    /// <summary>The top categories without the group of page views in none.</summary>
    public IReadOnlyList<AggregateRow> Categorised => [.. this["categories"].Where(r => r.Key is not null and not AggregateRow.NoValue)];
    public long Uncategorised => this["categories"].Where(r => r.Key is null or AggregateRow.NoValue).Sum(r => r.Requests);

    /// <summary>Personal use by department (or role): one row per key, working hours and breaks side by side.</summary>
    public IReadOnlyList<(string Key, AggregateRow? Working, AggregateRow? Break)> PersonalBy(string dimension)
    {
        var working = this[$"working-{dimension}"].ToDictionary(r => r.Key ?? AggregateRow.NoValue);
        var breaks = this[$"break-{dimension}"].ToDictionary(r => r.Key ?? AggregateRow.NoValue);
        return [.. working.Keys.Union(breaks.Keys)
            .Select(k => (k, working.GetValueOrDefault(k), breaks.GetValueOrDefault(k)))
            .OrderByDescending(r => (r.Item2?.Requests ?? 0) + (r.Item3?.Requests ?? 0))];
    }

    /// <summary>The weekly trend: weeks in order ("Week of 23 Nov"), and requests per verdict per week.</summary>
    public (IReadOnlyList<string> Weeks, IReadOnlyList<(string Verdict, IReadOnlyList<long> Counts)> Series) Trend()
    {
        var rows = this["trend"];
        var weeks = rows.Where(r => r.BucketStart is not null).Select(r => r.BucketStart!.Value).Distinct().Order().ToList();
        var verdicts = rows.Select(r => r.Key ?? AggregateRow.NoValue).Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
        return ([.. weeks.Select(w => Display.WeekOf(w, _zone))],
            [.. verdicts.Select(v => (v, (IReadOnlyList<long>)[.. weeks.Select(w => rows.Where(r => r.BucketStart == w && (r.Key ?? AggregateRow.NoValue) == v).Sum(r => r.Requests))]))]);
    }

    public static async Task<SltFigures> ReadAsync(PersonalDataReads reads, ApiUser user, string? school, Instant from, Instant to,
        Instant trendFrom, DateTimeZone zone, PageFilters filters, CancellationToken cancel)
    {
        var period = new EventQuery { From = from, To = to, Findings = false };
        // Visit minutes are read only where a page shows them (personal use by role): each costs a read of the visits.
        AggregateQuery Q(string name, EventQuery filter, AggregateDimension by, int? top = null, TimeBucket bucket = TimeBucket.None, bool minutes = false) =>
            new() { Name = name, Filter = filter, By = by, Top = top, Bucket = bucket, Zone = zone, VisitMinutes = minutes };
        var queries = new List<AggregateQuery>
        {
            Q("verdicts", period, AggregateDimension.Verdict),
            Q("working-group", period with { Verdict = PersonalWorking }, AggregateDimension.Group),
            Q("break-group", period with { Verdict = PersonalBreak }, AggregateDimension.Group),
            Q("working-role", period with { Verdict = PersonalWorking }, AggregateDimension.Role, minutes: true),
            Q("break-role", period with { Verdict = PersonalBreak }, AggregateDimension.Role, minutes: true),
            Q("categories", period, AggregateDimension.Category, Top + 1),
            Q("domains", period, AggregateDimension.RegisteredDomain, Top),
            Q("blocked-total", period with { Action = Denied }, AggregateDimension.None),
            Q("blocked", period with { Action = Denied }, AggregateDimension.Category, Top),
            Q("trend", period with { From = trendFrom }, AggregateDimension.Verdict, bucket: TimeBucket.Week),
        };
        // People are pseudonymised per school: without a school (events imported without one) they are not listed.
        // Page views only, no visit minutes: the breaches tables show none, and minutes by person cost a read of the
        // visits and of the names the events carry (a visit of nobody known is stored under its source address).
        if (school is not null) queries.Add(Q("prohibited", period with { Verdict = Prohibited }, AggregateDimension.Person, 20, minutes: false));
        return new SltFigures(await reads.AggregateAsync(user, school, queries, filters, cancel), zone);
    }
}
