using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Aggregates;
using NodaTime;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>"Who visited this site or URL": the people with requests to it in a period, most first (audited as events.visitors).</summary>
[Authorize(Policy = AccessMatrix.Events)]
public sealed class VisitorsModel(Reads.PersonalDataReads reads, WebOptions web) : WebPage
{
    [BindProperty(SupportsGet = true)] public SearchForm Form { get; set; } = new();

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<AggregateRow>? Visitors { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (!Form.HasPurpose || (string.IsNullOrWhiteSpace(Form.Domain) && string.IsNullOrWhiteSpace(Form.Url))) return;
        if (Form.BadDate() is { } bad) { (Notice, NoticeIsError) = (bad, true); return; }
        var query = Form.ToQuery(web.Zone) with { Person = null, Categories = [], SearchTermsContain = null, Verdict = null, SafeguardingTheme = null };
        try
        {
            Visitors = await reads.VisitorsAsync(Me, query, Form.Filters("auditor.visitors"), cancel);
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }
}
