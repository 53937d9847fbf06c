using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Auditor;

/// <summary>The audit log, searchable by period, actor and action, newest first (reading it is itself recorded).</summary>
[Authorize(Policy = AccessMatrix.Audit)]
public sealed class AuditModel(PersonalDataReads reads, WebOptions web) : WebPage
{
    public const int Limit = 500;

    [FromQuery(Name = "purpose")] public string? Purpose { get; set; }
    [FromQuery(Name = "from")] public string? From { get; set; }
    [FromQuery(Name = "to")] public string? To { get; set; }
    [FromQuery(Name = "actor")] public string? Actor { get; set; }
    [FromQuery(Name = "action")] public string? Action { get; set; }

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<StoredAuditRecord>? Records { get; private set; }
    public int Total { get; private set; }

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
            (Records, Total) = await reads.AuditLogAsync(Me, query, Limit, new PageFilters(values, Purpose), cancel);
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
    }
}
