using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>
/// The audit log, searchable by period, actor and action, newest first, a page of <see cref="PageSize"/> records at a
/// time (reading it is itself recorded). When nothing matches, which filter excluded everything: the records each
/// filter's removal alone would show (counted, not shown).
/// </summary>
[Authorize(Policy = AccessMatrix.Audit)]
public sealed class AuditModel(PersonalDataReads reads, IAuditLog log, WebOptions web) : WebPage
{
    public const int PageSize = 100;

    [FromQuery(Name = "purpose")] public string? Purpose { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }
    /// <summary>1 for the newest <see cref="PageSize"/> records, 2 for the next older ones, ...</summary>
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<StoredAuditRecord>? Records { get; private set; }
    public int Total { get; private set; }
    /// <summary>How many newer records come before this page's first.</summary>
    public int Skipped { get; private set; }
    public bool HasNewer => Skipped > 0;
    public bool HasOlder => Records is { } shown && Skipped + shown.Count < Total;
    /// <summary>When nothing matched: each filter (the dates count as one) whose removal alone would find records, and how many.</summary>
    public IReadOnlyList<(string Label, string Value, int Count)> Excluders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        if (string.IsNullOrWhiteSpace(Purpose)) return;
        var from = Display.ParseDate(From);
        var to = Display.ParseDate(To);
        var query = new AuditQuery(from is { } f ? Display.StartOf(f, web.Zone) : null, to is { } t ? Display.StartOf(t.PlusDays(1), web.Zone) : null,
            string.IsNullOrWhiteSpace(Actor) ? null : Actor.Trim(), string.IsNullOrWhiteSpace(Action) ? null : Action.Trim());
        var values = new Dictionary<string, string> { ["from"] = From ?? "", ["to"] = To ?? "", ["actor"] = Actor ?? "", ["action"] = Action ?? "" };
        try
        {
            Skipped = (Math.Max(PageNumber, 1) - 1) * PageSize;
            (Records, Total) = await reads.AuditLogAsync(Me, query, Skipped, PageSize, new PageFilters(values, Purpose), cancel);
            if (Total == 0) Excluders = await ExcludersAsync(query, cancel);
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }

    /// <summary>This search's address at another page (the filters and the purpose kept).</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["purpose"] = Purpose, ["from"] = From, ["to"] = To, ["actor"] = Actor, ["action"] = Action,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToString();

    private async Task<IReadOnlyList<(string, string, int)>> ExcludersAsync(AuditQuery query, CancellationToken cancel)
    {
        var given = new List<(string Label, string Value, AuditQuery Without)>();
        if (query.From is not null || query.To is not null)
            given.Add(("dates", $"{From} to {To}".Trim(), query with { From = null, To = null }));
        if (query.Actor is not null) given.Add(("who", query.Actor, query with { Actor = null }));
        if (query.Action is not null) given.Add(("action", query.Action, query with { Action = null }));
        var found = new List<(string, string, int)>();
        foreach (var (label, value, without) in given)
        {
            var count = (await log.ReadAsync(without, cancel)).Count(r => SchoolScope.Covers(Me, r.Record.School));
            if (count > 0) found.Add((label, value, count));
        }
        return found;
    }
}
