using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Web.Reads;

/// <summary>
/// The DSL's alerts as the pages read and triage them, under the rules of the API's triage routes (issue 15): DSL
/// and deputy only, another school's alert "not found", every read and change an audit record with the routes'
/// action names (alerts.list, alerts.get, alerts.acknowledge, .assign, .note, .close), the triage part saved apart
/// from the pipeline's detection part.
/// </summary>
public sealed class AlertReads(IAlertStore alerts, IEventSearch search, AuditTrail audit, IClock clock)
{
    public const int ActivityLimit = 1000;

    public async Task<IReadOnlyList<Alert>> ListAsync(ApiUser user, AlertQuery query, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Alerts);
        query = query with { School = SchoolScope.Effective(user, query.School) };
        var list = await alerts.ListAsync(query, cancel);
        var filters = new Dictionary<string, string> { ["view"] = "dsl.alerts" };
        if (query.Status is { } s) filters["status"] = AlertNames.Of(s);
        await audit.RecordReadAsync(user, "alerts.list", new RequestFilters(filters, null, query.School), list.Count, cancel);
        return list;
    }

    /// <summary>The alert and its subject's activity from an hour before its first match to an hour after its last; null when not found.</summary>
    public async Task<(Alert Alert, IReadOnlyList<NetEvent> Activity)?> GetAsync(ApiUser user, string id, CancellationToken cancel)
    {
        PersonalDataReads.Require(user, AccessMatrix.Alerts);
        var alert = await FindAsync(user, id, cancel);
        if (alert is null) return null;
        var query = new EventQuery
        {
            Person = alert.Subject.Person, SourceIp = alert.Subject.Person is null ? alert.Subject.Ip : null,
            School = alert.School == AlertMatcher.NoSchool ? null : alert.School,
            From = alert.FirstSeen - EventRoutes.ActivityWindow, To = alert.LastSeen + EventRoutes.ActivityWindow,
        };
        var activity = (await search.SearchAsync(query, ActivityLimit, null, cancel)).Events;
        await audit.RecordReadAsync(user, "alerts.get", new RequestFilters(new Dictionary<string, string> { ["id"] = id }, null, alert.School), 1 + activity.Count, cancel);
        return (alert, activity);
    }

    public Task<Alert?> AcknowledgeAsync(ApiUser user, string id, CancellationToken cancel) =>
        ChangeAsync(user, id, "alerts.acknowledge", [], cancel, a => a with { Status = a.Status == AlertStatus.New ? AlertStatus.Acknowledged : a.Status });

    public Task<Alert?> AssignAsync(ApiUser user, string id, string assignee, CancellationToken cancel)
    {
        assignee = assignee.Trim();
        if (assignee.Length is 0 or > 200) throw ApiProblemException.BadRequest("give the account name of the person taking the alert on");
        return ChangeAsync(user, id, "alerts.assign", [("assignee", assignee)], cancel, a => a with { Assignee = assignee, Status = AlertStatus.InProgress });
    }

    public Task<Alert?> NoteAsync(ApiUser user, string id, string text, CancellationToken cancel)
    {
        text = text.Trim();
        if (text.Length is 0 or > 10_000) throw ApiProblemException.BadRequest("write the note (at most 10,000 characters)");
        return ChangeAsync(user, id, "alerts.note", [], cancel, a => a with { Notes = [.. a.Notes, new AlertNote(clock.GetCurrentInstant(), user.Name, text)] });
    }

    /// <summary>Closes with an outcome and an optional note; a false positive may record a suppression (phrase, site or search term).</summary>
    public async Task<Alert?> CloseAsync(ApiUser user, string id, string? outcomeName, string? note, string? phrase, string? site, string? searchTerm, CancellationToken cancel)
    {
        if (!AlertNames.TryOutcome(outcomeName, out var outcome))
            throw ApiProblemException.BadRequest($"choose an outcome: {string.Join(", ", AlertNames.Outcomes)}");
        var now = clock.GetCurrentInstant();
        note = Trim(note);
        var suppress = Trim(phrase) is not null || Trim(site) is not null || Trim(searchTerm) is not null;
        if (suppress && outcome != AlertOutcome.FalsePositive) throw ApiProblemException.BadRequest("only a false positive records a suppression");
        var alert = await FindAsync(user, id, cancel);
        if (alert is null) return null;
        Suppression? suppression = null;
        if (suppress)
        {
            suppression = new Suppression
            {
                Id = "s" + Guid.NewGuid().ToString("N")[..15], School = alert.School, Phrase = Trim(phrase), Site = Trim(site)?.ToLowerInvariant(),
                SearchTerm = Trim(searchTerm), Reason = note, AlertId = alert.Id, CreatedBy = user.Name, CreatedAt = now,
            };
            if (suppression.Problem() is { } problem) throw ApiProblemException.BadRequest(problem);
        }
        var values = new List<(string, string)> { ("outcome", AlertNames.Of(outcome)) };
        if (suppression is not null) values.Add(("suppression", suppression.Id));
        var closed = await ChangeAsync(user, id, "alerts.close", values, cancel, a => a with
        {
            Status = AlertStatus.Closed, Outcome = outcome,
            Notes = note is null ? a.Notes : [.. a.Notes, new AlertNote(now, user.Name, note)],
        });
        if (suppression is not null) await alerts.AddSuppressionAsync(suppression, cancel);
        return closed;
    }

    private async Task<Alert?> FindAsync(ApiUser user, string id, CancellationToken cancel)
    {
        var alert = await alerts.GetAsync(id, cancel);
        return alert is null || !SchoolScope.Covers(user, alert.School) ? null : alert;
    }

    private async Task<Alert?> ChangeAsync(ApiUser user, string id, string action, IReadOnlyList<(string Name, string Value)> values,
        CancellationToken cancel, Func<Alert, Alert> change)
    {
        PersonalDataReads.Require(user, AccessMatrix.Alerts);
        var alert = await FindAsync(user, id, cancel);
        if (alert is null) return null;
        if (alert.Status == AlertStatus.Closed) throw ApiProblemException.BadRequest("this alert is closed");
        var changed = change(alert);
        var filters = values.Append(("id", id)).ToDictionary(v => v.Item1, v => v.Item2);
        await audit.RecordReadAsync(user, action, new RequestFilters(filters, null, alert.School), 1, cancel);
        await alerts.SaveTriageAsync(changed, cancel);
        return changed;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
