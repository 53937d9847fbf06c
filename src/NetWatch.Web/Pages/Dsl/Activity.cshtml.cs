using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Web.Pages.Dsl;

/// <summary>
/// A person's activity from one hour before to one hour after an instant (the API's activity window), as a timeline
/// with the event of interest marked; audited as events.activity.
/// </summary>
[Authorize(Policy = AccessMatrix.Safeguarding)]
public sealed class ActivityModel(PersonalDataReads reads, WebOptions web) : WebPage
{
    public const int MaxEvents = 1000;

    [FromQuery(Name = "person")] public string? Person { get; set; }
    /// <summary>An instant (ISO 8601 with Z or an offset), or a school-local date and time from the form.</summary>
    [FromQuery(Name = "at")] public string? At { get; set; }
    [FromQuery(Name = "date")] public string? Date { get; set; }
    [FromQuery(Name = "time")] public string? Time { get; set; }
    [FromQuery(Name = "event")] public string? EventId { get; set; }

    public DateTimeZone Zone => web.Zone;
    public Instant? Centre { get; private set; }
    public IReadOnlyList<NetEvent>? Events { get; private set; }
    public bool Truncated { get; private set; }
    public NetEvent? Focus { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Centre = ParseAt();
        if (Centre is { } c) (Date, Time) = (Display.Iso(c.InZone(web.Zone).Date), c.InZone(web.Zone).TimeOfDay.ToString("HH:mm", null));
        if (string.IsNullOrWhiteSpace(Person) || Centre is not { } at) return;
        var query = new EventQuery { Person = Person.Trim(), From = at - EventRoutes.ActivityWindow, To = at + EventRoutes.ActivityWindow };
        var filters = new PageFilters(new Dictionary<string, string> { ["person"] = Person.Trim(), ["at"] = InstantPattern.ExtendedIso.Format(at) }, null);
        try
        {
            var (page, _) = await reads.SearchAsync(Me, query, MaxEvents, null, "events.activity", filters, cancel);
            (Events, Truncated) = (page.Events, page.Next is not null);
            Focus = Events.FirstOrDefault(e => e.Id.ToString() == EventId) ?? Events.MinBy(e => Math.Abs((e.Timestamp - at).TotalSeconds));
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }

    private Instant? ParseAt()
    {
        if (!string.IsNullOrWhiteSpace(At) && OffsetDateTimePattern.ExtendedIso.Parse(At.Trim()) is { Success: true } iso) return iso.Value.ToInstant();
        if (Display.ParseDate(Date) is not { } date) return null;
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(Time?.Trim() ?? "") is { Success: true } t ? t.Value : new LocalTime(12, 0);
        return (date + time).InZoneLeniently(web.Zone).ToInstant();
    }

    /// <summary>Requests per 5 minutes across the two hours, by verdict: the timeline's picture.</summary>
    public Chart TimelineChart()
    {
        var start = Centre!.Value - EventRoutes.ActivityWindow;
        var slots = Enumerable.Range(0, 24).Select(i => start + Duration.FromMinutes(5 * i)).ToList();
        var verdicts = Events!.Select(e => e.Policy?.Verdict ?? "unclassified").Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
        return new Chart("timeline-chart", "bar", [.. slots.Select(s => Display.Clock(s, web.Zone)[..5])],
            [.. verdicts.Select(v => new ChartSeries(Display.Verdict(v), [.. slots.Select(s => (double)Events!.Count(e =>
                (e.Policy?.Verdict ?? "unclassified") == v && e.Timestamp >= s && e.Timestamp < s + Duration.FromMinutes(5)))], Display.VerdictColour(v)))],
            Stacked: true);
    }
}
