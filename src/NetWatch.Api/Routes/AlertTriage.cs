using Microsoft.AspNetCore.Http;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Routes;

/// <summary>
/// The DSL's triage of alerts (issue 15, item 7), once for both the API's routes (<see cref="AlertRoutes"/>) and the
/// web pages: DSL and deputy DSL only; another school's alert is "not found" as if it did not exist; every read and
/// change is an audit record (<c>alerts.list</c>, <c>.get</c>, <c>.acknowledge</c>, <c>.assign</c>, <c>.note</c>,
/// <c>.close</c>, with the outcome and any suppression); the triage part is saved apart from the pipeline's detection
/// part. A closed alert can still take a note (what happened next) and be closed again (an outcome corrected, audited
/// as such), but is not acknowledged or assigned (409). Problems are
/// <see cref="ApiProblemException"/>s: 400 for bad input, 403 for another role, 404 for no such alert.
/// </summary>
public sealed class AlertTriage(IAlertStore alerts, IAlertOutbox outbox, IEventSearch search, AuditTrail audit, IClock clock)
{
    /// <summary>At most this many events of the subject's activity around an alert.</summary>
    public const int ActivityLimit = 1000;

    /// <summary>The alerts <paramref name="query"/> selects, within the caller's school; <paramref name="auditValues"/> are the
    /// filters as the caller asked them (the route's query string, the page's view) for the audit record.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(ApiUser user, AlertQuery query, IReadOnlyDictionary<string, string> auditValues, CancellationToken cancel)
    {
        Require(user);
        query = query with { School = SchoolScope.Effective(user, query.School) };
        var list = await alerts.ListAsync(query, cancel);
        await audit.RecordReadAsync(user, "alerts.list", new RequestFilters(auditValues, null, query.School), list.Count, cancel);
        return list;
    }

    /// <summary>One alert with its deliveries and its subject's activity from an hour before its first match to an hour
    /// after its last (the person's events, or, unattributed, the address's).</summary>
    public async Task<AlertView> GetAsync(ApiUser user, string id, IReadOnlyDictionary<string, string> auditValues, CancellationToken cancel)
    {
        var alert = await FindAsync(user, id, cancel);
        var deliveries = await outbox.DeliveriesAsync(alert.Id, cancel);
        var query = new EventQuery
        {
            Person = alert.Subject.Person, SourceIp = alert.Subject.Person is null ? alert.Subject.Ip : null,
            School = alert.School == AlertMatcher.NoSchool ? null : alert.School,
            From = alert.FirstSeen - EventRoutes.ActivityWindow, To = alert.LastSeen + EventRoutes.ActivityWindow,
        };
        // An alert about nobody and no address (a finding about hardware with no lease) has no activity to show.
        IReadOnlyList<NetEvent> activity = query.Person is null && query.SourceIp is null ? [] : (await search.SearchAsync(query, ActivityLimit, null, cancel)).Events;
        var values = new Dictionary<string, string>(auditValues, StringComparer.Ordinal) { ["id"] = id };
        await audit.RecordReadAsync(user, "alerts.get", new RequestFilters(values, null, alert.School), 1 + activity.Count, cancel);
        return new AlertView(alert, deliveries, activity);
    }

    public Task<Alert> AcknowledgeAsync(ApiUser user, string id, CancellationToken cancel) =>
        ChangeAsync(user, id, "alerts.acknowledge", [], openOnly: true, cancel, a => a with { Status = a.Status == AlertStatus.New ? AlertStatus.Acknowledged : a.Status });

    public Task<Alert> AssignAsync(ApiUser user, string id, string? assignee, CancellationToken cancel)
    {
        var who = Trim(assignee);
        if (who is null || who.Length > 200) throw ApiProblemException.BadRequest("'assignee' is required: the account name of the person taking the alert on");
        return ChangeAsync(user, id, "alerts.assign", [("assignee", who)], openOnly: true, cancel, a => a with { Assignee = who, Status = AlertStatus.InProgress });
    }

    public Task<Alert> NoteAsync(ApiUser user, string id, string? text, CancellationToken cancel)
    {
        var note = Trim(text);
        if (note is null || note.Length > 10_000) throw ApiProblemException.BadRequest("'text' is required: the note (at most 10,000 characters)");
        return ChangeAsync(user, id, "alerts.note", [], openOnly: false, cancel, a => a with { Notes = [.. a.Notes, new AlertNote(clock.GetCurrentInstant(), user.Name, note)] });
    }

    /// <summary>Closes with an outcome and an optional note; a false positive may record a suppression (a phrase on a site,
    /// or a search term) that later matches honour.</summary>
    public async Task<Alert> CloseAsync(ApiUser user, string id, string? outcomeName, string? note, SuppressionRequest? suppress, CancellationToken cancel)
    {
        if (!AlertNames.TryOutcome(outcomeName, out var outcome))
            throw ApiProblemException.BadRequest($"'outcome' must be one of {string.Join(", ", AlertNames.Outcomes)}");
        note = Trim(note);
        if (suppress is not null && outcome != AlertOutcome.FalsePositive) throw ApiProblemException.BadRequest("only a false positive records a suppression");
        var now = clock.GetCurrentInstant();
        var alert = await FindAsync(user, id, cancel);
        Suppression? suppression = null;
        if (suppress is not null)
        {
            suppression = new Suppression
            {
                Id = "s" + Guid.NewGuid().ToString("N")[..15], School = alert.School, Phrase = Trim(suppress.Phrase), Site = Trim(suppress.Site)?.ToLowerInvariant(),
                SearchTerm = Trim(suppress.SearchTerm), Reason = note, AlertId = alert.Id, CreatedBy = user.Name, CreatedAt = now,
            };
            if (suppression.Problem() is { } problem) throw ApiProblemException.BadRequest(problem);
        }
        var values = new List<(string, string)> { ("outcome", AlertNames.Of(outcome)) };
        if (suppression is not null) values.Add(("suppression", suppression.Id));
        var closed = await ChangeAsync(user, id, "alerts.close", values, openOnly: false, cancel, a => a with
        {
            Status = AlertStatus.Closed, Outcome = outcome,
            Notes = note is null ? a.Notes : [.. a.Notes, new AlertNote(now, user.Name, note)],
        });
        if (suppression is not null) await alerts.AddSuppressionAsync(suppression, cancel);
        return closed;
    }

    private static void Require(ApiUser user)
    {
        if (!AccessMatrix.Allows(AccessMatrix.Alerts, user.Role)) throw ApiProblemException.Forbidden("alerts are for the DSL and deputy DSL");
    }

    private async Task<Alert> FindAsync(ApiUser user, string id, CancellationToken cancel)
    {
        Require(user);
        var alert = await alerts.GetAsync(id, cancel);
        // Another school's alert is "not found", as if it did not exist.
        if (alert is null || !SchoolScope.Covers(user, alert.School)) throw ApiProblemException.NotFound("no such alert");
        return alert;
    }

    /// <summary>Reads the alert, audits the change, stores the triage part as <paramref name="change"/> makes it.</summary>
    private async Task<Alert> ChangeAsync(ApiUser user, string id, string action, IReadOnlyList<(string Name, string Value)> values, bool openOnly,
        CancellationToken cancel, Func<Alert, Alert> change)
    {
        var alert = await FindAsync(user, id, cancel);
        if (openOnly && alert.Status == AlertStatus.Closed) throw new ApiProblemException(StatusCodes.Status409Conflict, "the alert is closed");
        var changed = change(alert);
        var filters = values.Append(("id", id)).ToDictionary(v => v.Item1, v => v.Item2);
        await audit.RecordReadAsync(user, action, new RequestFilters(filters, null, alert.School), 1, cancel);
        await alerts.SaveTriageAsync(changed, cancel);
        return changed;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>An alert as the triage view shows it: with its deliveries and its subject's activity around it.</summary>
public sealed record AlertView(Alert Alert, IReadOnlyList<Delivery> Deliveries, IReadOnlyList<NetEvent> Activity);

/// <summary>What a false positive's close may ask to suppress: a phrase on a site, or a search term.</summary>
public sealed record SuppressionRequest(string? Phrase, string? Site, string? SearchTerm)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Phrase) && string.IsNullOrWhiteSpace(Site) && string.IsNullOrWhiteSpace(SearchTerm);
}
