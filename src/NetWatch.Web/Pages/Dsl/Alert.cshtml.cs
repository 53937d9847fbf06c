using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetWatch.Api.Access;
using NetWatch.Api.Security;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Web.Reads;
using NodaTime;

namespace NetWatch.Web.Pages.Dsl;

/// <summary>
/// One alert: its evidence (URL, search terms, the matched phrase, the rule and the policy clause), its notes, the
/// person's activity from an hour before the first match to an hour after the last, and the triage actions
/// (acknowledge, take on or assign, note, close with an outcome and, for a false positive, a suppression).
/// </summary>
[Authorize(Policy = AccessMatrix.Alerts)]
public sealed class AlertModel(AlertReads reads, WebOptions web) : WebPage
{
    public DateTimeZone Zone => web.Zone;
    public Alert? Alert { get; private set; }
    public IReadOnlyList<NetEvent> Activity { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancel) => await LoadAsync(id, cancel);

    public Task<IActionResult> OnPostAcknowledgeAsync(string id, CancellationToken cancel) =>
        ActAsync(id, "Acknowledged.", () => reads.AcknowledgeAsync(Me, id, cancel), cancel);

    public Task<IActionResult> OnPostAssignAsync(string id, string? assignee, CancellationToken cancel) =>
        ActAsync(id, $"Assigned to {assignee}.", () => reads.AssignAsync(Me, id, assignee ?? "", cancel), cancel);

    public Task<IActionResult> OnPostNoteAsync(string id, string? text, CancellationToken cancel) =>
        ActAsync(id, "Note added.", () => reads.NoteAsync(Me, id, text ?? "", cancel), cancel);

    public Task<IActionResult> OnPostCloseAsync(string id, string? outcome, string? note, string? phrase, string? site, string? searchTerm, CancellationToken cancel) =>
        ActAsync(id, "Closed.", () => reads.CloseAsync(Me, id, outcome, note, phrase, site, searchTerm, cancel), cancel);

    private async Task<IActionResult> ActAsync(string id, string done, Func<Task<Alert?>> act, CancellationToken cancel)
    {
        try
        {
            if (await act() is null) return NotFound();
            Notice = done;
        }
        catch (ApiProblemException e)
        {
            (Notice, NoticeIsError) = (e.Message, true);
        }
        return await LoadAsync(id, cancel);
    }

    private async Task<IActionResult> LoadAsync(string id, CancellationToken cancel)
    {
        if (await reads.GetAsync(Me, id, cancel) is not { } found) return NotFound();
        (Alert, Activity) = found;
        return Page();
    }
}
