using Microsoft.AspNetCore.Authorization;
using NetWatch.Api.Access;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Dsl;

/// <summary>
/// The DSL's safeguarding overview: the safeguarding matches of the last weeks by theme and week, and the latest
/// matches with the person, each a link to that person's activity an hour either side.
/// </summary>
[Authorize(Policy = AccessMatrix.Safeguarding)]
public sealed class OverviewModel(PersonalDataReads reads, WebOptions web) : WebPage
{
    public const int Weeks = 8;
    public const int Recent = 1000;
    public const int Shown = 30;

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<AggregateRow> ByTheme { get; private set; } = [];
    public IReadOnlyList<AggregateRow> ByWeek { get; private set; } = [];
    public IReadOnlyList<NetEvent> Latest { get; private set; } = [];
    public long LatestTotal { get; private set; }
    public Instant? Last { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var matches = new EventQuery { MinSeverity = 1, Findings = false };
        var span = await reads.AggregateAsync(Me, null, [new AggregateQuery { Name = "span", Filter = matches }], new PageFilters(new Dictionary<string, string> { ["view"] = "dsl.span" }, null), cancel);
        Last = span["span"].FirstOrDefault()?.Last;
        if (Last is not { } last) return;
        var to = Display.StartOf(last.InZone(web.Zone).Date.PlusDays(1), web.Zone);
        var weekStart = last.InZone(web.Zone).Date;
        weekStart = weekStart.PlusDays(-((int)weekStart.DayOfWeek - 1)).PlusWeeks(-(Weeks - 1));
        var period = matches with { From = Display.StartOf(weekStart, web.Zone), To = to };
        var rows = await reads.AggregateAsync(Me, null,
        [
            new AggregateQuery { Name = "themes", Filter = period, By = AggregateDimension.SafeguardingTheme, Zone = web.Zone },
            new AggregateQuery { Name = "weeks", Filter = period, By = AggregateDimension.SafeguardingTheme, Bucket = TimeBucket.Week, Zone = web.Zone },
        ], new PageFilters(new Dictionary<string, string> { ["view"] = "dsl.overview", ["min_severity"] = "1" }, null), cancel);
        (ByTheme, ByWeek) = (rows["themes"], rows["weeks"]);
        var recent = matches with { From = to - Duration.FromDays(7), To = to };
        var (page, total) = await reads.SearchAsync(Me, recent, Recent, null, "events.search",
            new PageFilters(new Dictionary<string, string> { ["view"] = "dsl.latest", ["min_severity"] = "1" }, null), cancel);
        (Latest, LatestTotal) = ([.. page.Events.OrderByDescending(e => e.Timestamp)], total);
    }

    public Chart WeeksChart()
    {
        var weeks = ByWeek.Where(r => r.BucketStart is not null).Select(r => r.BucketStart!.Value).Distinct().Order().ToList();
        var themes = ByWeek.Select(r => r.Key ?? AggregateRow.NoValue).Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        return new Chart("weeks-chart", "bar", [.. weeks.Select(w => Display.WeekOf(w, Zone))],
            [.. themes.Select(t => new ChartSeries(GroupName.Of(t, AggregateDimension.SafeguardingTheme), [.. weeks.Select(w => (double)ByWeek.Where(r => r.BucketStart == w && (r.Key ?? AggregateRow.NoValue) == t).Sum(r => r.Requests))]))],
            Stacked: true);
    }

    public static string ActivityLink(NetEvent e) =>
        $"/dsl/activity?person={Uri.EscapeDataString(e.UserName ?? "")}&at={Uri.EscapeDataString(NetWatch.Core.Ecs.EcsJsonWriter.FormatInstant(e.Timestamp))}&event={e.Id}";
}
