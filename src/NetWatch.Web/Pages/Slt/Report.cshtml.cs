using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Slt;

/// <summary>
/// The governors' and SLT's termly report: the term's figures (<see cref="SltFigures"/>) on one printable page
/// (the browser's print, or <c>/slt/report.pdf</c>: Chromium's print-to-PDF on the server, <see cref="ReportPdfModel"/>). People appear only as counts and pseudonyms.
/// </summary>
[Authorize(Policy = AccessMatrix.Aggregates)]
public sealed class ReportModel(PersonalDataReads reads, WebOptions web, IClock clock) : WebPage
{
    [FromQuery(Name = "term")] public string? TermName { get; set; }
    [FromQuery(Name = "school")] public string? School { get; set; }
    /// <summary><c>pdf</c> when Chromium opens the page to print it (<see cref="ReportPdfModel"/>): kept in the audit record.</summary>
    [FromQuery(Name = "format")] public string? Format { get; set; }

    public SchoolChoice Choice { get; private set; } = new(null, [], null, null);
    public SltFigures? Figures { get; private set; }
    public TermRange? Term { get; private set; }
    public IReadOnlyList<TermRange> Terms => web.Terms;
    public DateTimeZone Zone => web.Zone;
    public Instant Prepared { get; private set; }

    /// <summary>The PDF of the report on show (the same term and school).</summary>
    public string PdfLink
    {
        get
        {
            var query = new List<string>();
            if (Term is not null && Terms.Any(t => t.Name == Term.Name)) query.Add("term=" + Uri.EscapeDataString(Term.Name));
            if (Me.School is null && Choice.School is not null) query.Add("school=" + Uri.EscapeDataString(Choice.School));
            return "/slt/report.pdf" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
        }
    }

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
        var asked = new Dictionary<string, string> { ["view"] = "slt.report", ["term"] = Term.Name };
        if (Format == "pdf") asked["format"] = "pdf";
        var filters = new PageFilters(asked, null);
        Figures = await SltFigures.ReadAsync(reads, Me, Choice.School, from, to, from, web.Zone, filters, cancel);
    }
}
