using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>
/// "Who visited this site or URL": the people with requests to it in a period, most first (audited as events.visitors).
/// When nobody did, how many requests to it there are at any time (a count, no person): so the page can say whether the
/// dates excluded everything or the site was never visited.
/// </summary>
[Authorize(Policy = AccessMatrix.Events)]
public sealed class VisitorsModel(Reads.PersonalDataReads reads, IEventSearch search, WebOptions web) : WebPage
{
    [BindProperty(SupportsGet = true)] public SearchForm Form { get; set; } = new();

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<AggregateRow>? Visitors { get; private set; }
    /// <summary>When nobody visited in the period: the requests to the site or URL at any time NetWatch holds.</summary>
    public long AtAnyTime { get; private set; }
    public bool DatesGiven => !string.IsNullOrWhiteSpace(Form.From) || !string.IsNullOrWhiteSpace(Form.To);
    /// <summary>When nobody visited ever: whether NetWatch holds no event (of the account's school) at all, a fresh install.</summary>
    public bool NothingStored { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (!Form.HasPurpose || (string.IsNullOrWhiteSpace(Form.Domain) && string.IsNullOrWhiteSpace(Form.Url))) return;
        if (Form.BadDate() is { } bad) { (Notice, NoticeIsError) = (bad, true); return; }
        var query = Form.ToQuery(web.Zone) with { Person = null, Categories = [], SearchTermsContain = null, Verdict = null, SafeguardingTheme = null };
        try
        {
            Visitors = await reads.VisitorsAsync(Me, query, Form.Filters("auditor.visitors"), cancel);
            if (Visitors.Count == 0 && DatesGiven) AtAnyTime = await search.CountAsync(SchoolScope.Apply(Me, query with { From = null, To = null }), cancel);
            if (Visitors.Count == 0 && AtAnyTime == 0) NothingStored = await search.CountAsync(SchoolScope.Apply(Me, EventQuery.All), cancel) == 0;
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }
}
