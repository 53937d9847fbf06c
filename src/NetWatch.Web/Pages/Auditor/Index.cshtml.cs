using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>
/// The auditor's event search: the purpose asked first (kept with every search in the audit log), then filters by
/// person, time, site, URL text, category, search term, verdict and theme; results paged by the store's keyset
/// cursor; a CSV export of exactly the same events from the API; and, when nothing matches, which filter excluded
/// everything.
/// </summary>
[Authorize(Policy = AccessMatrix.Events)]
public sealed class IndexModel(PersonalDataReads reads, IEventSearch search, WebOptions web) : WebPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public SearchForm Form { get; set; } = new();
    [FromQuery(Name = "go")] public string? Go { get; set; }
    [FromQuery(Name = "cursor")] public string? Cursor { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<NetEvent> Events { get; private set; } = [];
    public long Total { get; private set; }
    public string? Next { get; private set; }
    public bool Searched { get; private set; }
    /// <summary>When nothing matched: each filter whose removal alone would find events, and how many.</summary>
    public IReadOnlyList<(string Label, string Value, long Count)> Excluders { get; private set; } = [];
    /// <summary>When nothing matched and no single filter is to blame: whether the store holds no event (of the account's school) at all.</summary>
    public bool NothingStored { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (!Form.HasPurpose || Go is null) return;
        if (Form.BadDate() is { } bad) { (Notice, NoticeIsError) = (bad, true); return; }
        EventCursor? cursor = null;
        if (Cursor is not null && !EventCursor.TryParse(Cursor, out cursor)) { (Notice, NoticeIsError) = ("That page link is out of date: search again.", true); return; }
        try
        {
            var (page, total) = await reads.SearchAsync(Me, Form.ToQuery(web.Zone), PageSize, cursor, "events.search", Form.Filters("auditor.search"), cancel);
            (Events, Total, Next, Searched) = (page.Events, total, page.Next?.ToToken(), true);
            if (total == 0) Excluders = await ExcludersAsync(cancel);
            if (total == 0 && Excluders.Count == 0) NothingStored = await search.CountAsync(SchoolScope.Apply(Me, EventQuery.All), cancel) == 0;
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }

    private async Task<IReadOnlyList<(string, string, long)>> ExcludersAsync(CancellationToken cancel)
    {
        var found = new List<(string, string, long)>();
        foreach (var (name, label, value) in Form.Given())
        {
            var count = await search.CountAsync(SchoolScope.Apply(Me, Form.ToQuery(web.Zone, without: name)), cancel);
            if (count > 0) found.Add((label, value, count));
        }
        return found;
    }
}
