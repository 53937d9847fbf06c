using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// The SLT's weekly dashboard: the week's figures (<see cref="SltFigures"/>) for one school, people as pseudonyms,
/// and a name revealed only with a stated reason (recorded in the audit log).
/// </summary>
[Authorize(Policy = AccessMatrix.Aggregates)]
public sealed class IndexModel(PersonalDataReads reads, WebOptions web) : WebPage
{
    public SchoolChoice Choice { get; private set; } = new(null, [], null, null);
    public SltFigures? Figures { get; private set; }
    public LocalDate WeekStart { get; private set; }
    public DateTimeZone Zone => web.Zone;
    public string? RevealedPseudonym { get; private set; }
    public string? RevealedPerson { get; private set; }

    public LocalDate WeekEnd => WeekStart.PlusDays(6);
    public string WeekParam(int weeks) => Display.Iso(WeekStart.PlusWeeks(weeks));

    public Task OnGetAsync(string? week, string? school, CancellationToken cancel) => LoadAsync(week, school, cancel);

    public async Task OnPostRevealAsync(string? week, string? school, string? pseudonym, string? reason, CancellationToken cancel)
    {
        try
        {
            var person = await reads.RevealAsync(Me, school, pseudonym ?? "", reason ?? "", cancel);
            if (person is null) (Notice, NoticeIsError) = ($"No one at this school has the pseudonym {pseudonym}.", true);
            else
            {
                (RevealedPseudonym, RevealedPerson) = (pseudonym, person);
                Notice = $"{pseudonym} is {person}. This reveal and your reason are recorded in the audit log.";
            }
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
        await LoadAsync(week, school, cancel);
    }

    private async Task LoadAsync(string? week, string? school, CancellationToken cancel)
    {
        Choice = await SchoolChoice.ReadAsync(reads, Me, school, cancel);
        var day = Display.ParseDate(week) ?? (Choice.Last is { } last ? last.InZone(web.Zone).Date : SystemClock.Instance.GetCurrentInstant().InZone(web.Zone).Date);
        WeekStart = day.PlusDays(-((int)day.DayOfWeek - 1));
        if (!Choice.HasData) return;
        var from = Display.StartOf(WeekStart, web.Zone);
        var to = Display.StartOf(WeekStart.PlusWeeks(1), web.Zone);
        var term = web.Terms.FirstOrDefault(t => t.Start <= WeekStart.PlusDays(6) && t.End >= WeekStart);
        var trendFrom = Display.StartOf(term?.Start ?? WeekStart.PlusWeeks(-12), web.Zone);
        var filters = new PageFilters(new Dictionary<string, string> { ["view"] = "slt.week", ["week"] = Display.Iso(WeekStart) }, null);
        Figures = await SltFigures.ReadAsync(reads, Me, Choice.School, from, to, trendFrom, web.Zone, filters, cancel);
    }
}
