using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Web.Pages.Dsl;

/// <summary>
/// One alert: its evidence (URL, search terms, the matched phrase, the rule and the policy clause), its notes, the
/// person's activity from an hour before the first match to an hour after the last, and the triage actions
/// (acknowledge, take on or assign, note, close with an outcome and, for a false positive, a suppression), through
/// the same triage as the API's routes (<see cref="AlertTriage"/>): the same rules and the same audit records.
/// </summary>
[Authorize(Policy = AccessMatrix.Alerts)]
public sealed class AlertModel(AlertTriage triage, WebOptions web) : WebPage
{
    public DateTimeZone Zone => web.Zone;
    public Alert? Alert { get; private set; }
    public IReadOnlyList<NetEvent> Activity { get; private set; } = [];

    private static readonly IReadOnlyDictionary<string, string> View = new Dictionary<string, string> { ["view"] = "dsl.alert" };

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancel) => await LoadAsync(id, cancel);

    public Task<IActionResult> OnPostAcknowledgeAsync(string id, CancellationToken cancel) =>
        ActAsync(id, "Acknowledged.", () => triage.AcknowledgeAsync(Me, id, cancel), cancel);

    public Task<IActionResult> OnPostAssignAsync(string id, string? assignee, CancellationToken cancel) =>
        ActAsync(id, $"Assigned to {assignee}.", () => triage.AssignAsync(Me, id, assignee, cancel), cancel);

    public Task<IActionResult> OnPostNoteAsync(string id, string? text, CancellationToken cancel) =>
        ActAsync(id, "Note added.", () => triage.NoteAsync(Me, id, text, cancel), cancel);

    public Task<IActionResult> OnPostCloseAsync(string id, string? outcome, string? note, string? phrase, string? site, string? searchTerm, CancellationToken cancel)
    {
        // The form always sends the suppression's fields; left empty, they ask for none.
        var suppress = new SuppressionRequest(phrase, site, searchTerm);
        return ActAsync(id, "Closed.", () => triage.CloseAsync(Me, id, outcome, note, suppress.IsEmpty ? null : suppress, cancel), cancel);
    }

    private async Task<IActionResult> ActAsync(string id, string done, Func<Task<Alert>> act, CancellationToken cancel)
    {
        try
        {
            await act();
            Notice = done;
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
        return await LoadAsync(id, cancel);
    }

    private async Task<IActionResult> LoadAsync(string id, CancellationToken cancel)
    {
        try
        {
            (Alert, _, Activity) = await triage.GetAsync(Me, id, View, cancel);
        }
        catch (ApiProblemException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        return Page();
    }
}
