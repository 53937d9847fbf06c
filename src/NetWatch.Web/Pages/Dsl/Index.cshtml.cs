using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Api.Routes;
using NodaTime;

namespace NetWatch.Web.Pages.Dsl;

/// <summary>
/// The DSL's alerts, open ones first by default; the page follows the API's live feed (Server-Sent Events,
/// js/alert-feed.js) and redraws its rows from <see cref="OnGetRowsAsync"/> when a notification arrives, without a reload.
/// </summary>
[Authorize(Policy = AccessMatrix.Alerts)]
public sealed class IndexModel(AlertTriage triage, WebOptions web) : WebPage
{
    public const int Limit = 200;
    public static readonly string[] Views = ["open", .. AlertNames.Statuses, "all"];

    [FromQuery(Name = "status")] public string? Status { get; set; }

    public DateTimeZone Zone => web.Zone;
    public IReadOnlyList<Alert> Alerts { get; private set; } = [];
    public string View => Views.Contains(Status) ? Status! : "open";

    public async Task OnGetAsync(CancellationToken cancel) => Alerts = await LoadAsync(cancel);

    /// <summary>Just the rows, for the live feed's redraw.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken cancel) =>
        Partial("_AlertRows", new AlertRows(await LoadAsync(cancel), web.Zone));

    private async Task<IReadOnlyList<Alert>> LoadAsync(CancellationToken cancel)
    {
        AlertStatus? status = AlertNames.TryStatus(View, out var s) ? s : null;
        var list = await triage.ListAsync(Me, new AlertQuery { Status = status, Limit = Limit }, new Dictionary<string, string> { ["view"] = "dsl.alerts", ["status"] = View }, cancel);
        return View == "open" ? [.. list.Where(a => a.Status != AlertStatus.Closed).OrderByDescending(a => a.Severity).ThenByDescending(a => a.LastSeen)] : list;
    }
}

/// <summary>The rows of the alert table (drawn by the page and by the live feed's redraw).</summary>
public sealed record AlertRows(IReadOnlyList<Alert> Alerts, DateTimeZone Zone);
