using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// The governors' and SLT's termly report: the term's figures (<see cref="SltFigures"/>) on one printable page
/// (the browser's print or Chromium's print-to-PDF make the PDF). People appear only as counts and pseudonyms.
/// </summary>
[Authorize(Policy = AccessMatrix.Aggregates)]
public sealed class ReportModel(PersonalDataReads reads, WebOptions web, IClock clock) : WebPage
{
    [FromQuery(Name = "term")] public string? TermName { get; set; }
    [FromQuery(Name = "school")] public string? School { get; set; }

    public SchoolChoice Choice { get; private set; } = new(null, [], null, null);
    public SltFigures? Figures { get; private set; }
    public TermRange? Term { get; private set; }
    public IReadOnlyList<TermRange> Terms => web.Terms;
    public DateTimeZone Zone => web.Zone;
    public Instant Prepared { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Prepared = clock.GetCurrentInstant();
        Choice = await SchoolChoice.ReadAsync(reads, Me, School, cancel);
        if (!Choice.HasData) return;
        var lastDay = Choice.Last!.Value.InZone(web.Zone).Date;
        Term = web.Terms.FirstOrDefault(t => t.Name == TermName)
            ?? web.Terms.LastOrDefault(t => t.Start <= lastDay)
            ?? new TermRange("Everything stored", Choice.First!.Value.InZone(web.Zone).Date, lastDay);
        var from = Display.StartOf(Term.Start, web.Zone);
        var to = Display.StartOf(Term.End.PlusDays(1), web.Zone);
        var filters = new PageFilters(new Dictionary<string, string> { ["view"] = "slt.report", ["term"] = Term.Name }, null);
        Figures = await SltFigures.ReadAsync(reads, Me, Choice.School, from, to, from, web.Zone, filters, cancel);
    }
}
