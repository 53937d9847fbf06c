using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// Which school a dashboard shows and the span of its data: a school-scoped account sees its own; a trust-wide one
/// picks among the schools that have events (pseudonyms are per school, so one school at a time).
/// </summary>
public sealed record SchoolChoice(string? School, IReadOnlyList<string> Schools, Instant? First, Instant? Last)
{
    public bool HasData => First is not null;

    public static async Task<SchoolChoice> ReadAsync(PersonalDataReads reads, ApiUser user, string? requested, CancellationToken cancel)
    {
        var all = new EventQuery { Findings = false };
        var rows = await reads.AggregateAsync(user, user.School,
            [new AggregateQuery { Name = "schools", Filter = all, By = AggregateDimension.School }], new PageFilters(new Dictionary<string, string> { ["view"] = "schools" }, null), cancel);
        var schools = rows["schools"].Where(r => r.Key is not null and not AggregateRow.NoValue).Select(r => r.Key!).OrderBy(s => s, StringComparer.Ordinal).ToList();
        var school = user.School ?? (requested is not null && schools.Contains(requested) ? requested : schools.FirstOrDefault());
        var mine = rows["schools"].Where(r => school is null || r.Key == school).ToList();
        return new SchoolChoice(school, schools, mine.Min(r => r.First), mine.Max(r => r.Last));
    }
}
