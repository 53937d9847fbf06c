using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Routes;

/// <summary>
/// The DSL's triage of alerts (issue 15, item 7; DSL and deputy DSL only): list and filter, one alert with its
/// evidence, deliveries and the person's activity from an hour before its first match to an hour after its last,
/// acknowledge, assign, note, close with an outcome (a false positive may record a suppression), the suppressions
/// (listed, revocable), and the live feed (Server-Sent Events). Every request is an audit record.
/// </summary>
public static class AlertRoutes
{
    public const int ActivityLimit = 1000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/alerts", ListAsync).RequireAuthorization(AccessMatrix.Alerts);
        api.MapGet("/alerts/feed", FeedAsync).RequireAuthorization(AccessMatrix.Alerts);
        api.MapGet("/alerts/suppressions", SuppressionsAsync).RequireAuthorization(AccessMatrix.Alerts);
        api.MapDelete("/alerts/suppressions/{id}", RevokeAsync).RequireAuthorization(AccessMatrix.Alerts).AddEndpointFilter<AntiforgeryCheck>();
        api.MapGet("/alerts/{id}", GetAsync).RequireAuthorization(AccessMatrix.Alerts);
        api.MapPost("/alerts/{id}/acknowledge", AcknowledgeAsync).RequireAuthorization(AccessMatrix.Alerts).AddEndpointFilter<AntiforgeryCheck>();
        api.MapPost("/alerts/{id}/assign", AssignAsync).RequireAuthorization(AccessMatrix.Alerts).AddEndpointFilter<AntiforgeryCheck>();
        api.MapPost("/alerts/{id}/notes", NoteAsync).RequireAuthorization(AccessMatrix.Alerts).AddEndpointFilter<AntiforgeryCheck>();
        api.MapPost("/alerts/{id}/close", CloseAsync).RequireAuthorization(AccessMatrix.Alerts).AddEndpointFilter<AntiforgeryCheck>();
    }

    private static async Task<IResult> ListAsync(HttpContext http, IAlertStore alerts, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        AlertStatus? status = q.OneOf("status", [.. AlertNames.Statuses]) is { } s && AlertNames.TryStatus(s, out var st) ? st : null;
        var query = new AlertQuery
        {
            From = q.Instant("from"), To = q.Instant("to"), School = SchoolScope.Effective(user, q.String("school")), Person = q.String("person"),
            Theme = q.String("theme"), MinSeverity = q.Int("min_severity", 1, 5), Status = status, Limit = q.Int("limit", 1, 1000) ?? 100,
        };
        q.RejectUnknown();
        var list = await alerts.ListAsync(query, cancel);
        await audit.RecordReadAsync(user, "alerts.list", EventRoutes.Filters(q, null, query.School), list.Count, cancel);
        return JsonAnswer.Array("alerts", list, AlertAnswers.Summary);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IAlertStore alerts, IAlertOutbox outbox, IEventSearch search,
        AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        q.RejectUnknown();
        var alert = await FindAsync(id, user, alerts, cancel);
        var deliveries = await outbox.DeliveriesAsync(alert.Id, cancel);
        var activity = alert.Subject.Person is { } person
            ? (await search.SearchAsync(new EventQuery
            {
                Person = person, School = alert.School == AlertMatcher.NoSchool ? null : alert.School,
                From = alert.FirstSeen - EventRoutes.ActivityWindow, To = alert.LastSeen + EventRoutes.ActivityWindow,
            }, ActivityLimit, null, cancel)).Events
            : (await search.SearchAsync(new EventQuery
            {
                SourceIp = alert.Subject.Ip, From = alert.FirstSeen - EventRoutes.ActivityWindow, To = alert.LastSeen + EventRoutes.ActivityWindow,
            }, ActivityLimit, null, cancel)).Events;
        await audit.RecordReadAsync(user, "alerts.get", EventRoutes.Filters(q, null, alert.School, ("id", id)), 1 + activity.Count, cancel);
        return new JsonAnswer(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("alert");
            AlertAnswers.Full(w, alert, deliveries);
            w.WriteEndObject();
            w.WriteStartArray("activity");
            foreach (var e in activity) Core.Ecs.EcsJsonWriter.Write(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static Task<IResult> AcknowledgeAsync(string id, HttpContext http, IAlertStore alerts, AuditTrail audit, CancellationToken cancel) =>
        ChangeAsync(id, http, alerts, audit, "alerts.acknowledge", [], cancel, a =>
        {
            if (a.Status == AlertStatus.Closed) throw new ApiProblemException(StatusCodes.Status409Conflict, "the alert is closed");
            return a with { Status = a.Status == AlertStatus.New ? AlertStatus.Acknowledged : a.Status };
        });

    public sealed record AssignRequest(string? Assignee);

    private static Task<IResult> AssignAsync(string id, AssignRequest request, HttpContext http, IAlertStore alerts, AuditTrail audit, CancellationToken cancel)
    {
        var assignee = request.Assignee?.Trim();
        if (string.IsNullOrEmpty(assignee) || assignee.Length > 200) throw ApiProblemException.BadRequest("'assignee' is required (an account name)");
        return ChangeAsync(id, http, alerts, audit, "alerts.assign", [("assignee", assignee)], cancel, a =>
        {
            if (a.Status == AlertStatus.Closed) throw new ApiProblemException(StatusCodes.Status409Conflict, "the alert is closed");
            return a with { Assignee = assignee, Status = AlertStatus.InProgress };
        });
    }

    public sealed record NoteRequest(string? Text);

    private static Task<IResult> NoteAsync(string id, NoteRequest request, HttpContext http, IAlertStore alerts, AuditTrail audit, IClock clock, CancellationToken cancel)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 10_000) throw ApiProblemException.BadRequest("'text' is required (at most 10,000 characters)");
        var author = Caller.Of(http).Name;
        return ChangeAsync(id, http, alerts, audit, "alerts.note", [], cancel, a => a with { Notes = [.. a.Notes, new AlertNote(clock.GetCurrentInstant(), author, text)] });
    }

    public sealed record SuppressRequest(string? Phrase, string? Site, string? SearchTerm);
    public sealed record CloseRequest(string? Outcome, string? Note, SuppressRequest? Suppress);

    private static async Task<IResult> CloseAsync(string id, CloseRequest request, HttpContext http, IAlertStore alerts, AuditTrail audit, IClock clock, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        if (!AlertNames.TryOutcome(request.Outcome, out var outcome))
            throw ApiProblemException.BadRequest($"'outcome' must be one of {string.Join(", ", AlertNames.Outcomes)}");
        if (request.Suppress is not null && outcome != AlertOutcome.FalsePositive)
            throw ApiProblemException.BadRequest("only a false positive records a suppression");
        var now = clock.GetCurrentInstant();
        Suppression? suppression = null;
        var alert = await FindAsync(id, user, alerts, cancel);
        if (request.Suppress is { } s)
        {
            suppression = new Suppression
            {
                Id = "s" + Guid.NewGuid().ToString("N")[..15], School = alert.School, Phrase = Trim(s.Phrase), Site = Trim(s.Site)?.ToLowerInvariant(),
                SearchTerm = Trim(s.SearchTerm), Reason = Trim(request.Note), AlertId = alert.Id, CreatedBy = user.Name, CreatedAt = now,
            };
            if (suppression.Problem() is { } problem) throw ApiProblemException.BadRequest(problem);
        }
        var values = new List<(string, string)> { ("outcome", AlertNames.Of(outcome)) };
        if (suppression is not null) values.Add(("suppression", suppression.Id));
        var answer = await ChangeAsync(id, http, alerts, audit, "alerts.close", values, cancel, a => a with
        {
            Status = AlertStatus.Closed, Outcome = outcome,
            Notes = Trim(request.Note) is { } note ? [.. a.Notes, new AlertNote(now, user.Name, note)] : a.Notes,
        });
        if (suppression is not null) await alerts.AddSuppressionAsync(suppression, cancel);
        return answer;
    }

    private static async Task<IResult> SuppressionsAsync(HttpContext http, IAlertStore alerts, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var all = q.Bool("include_revoked") ?? false;
        q.RejectUnknown();
        var list = (await alerts.SuppressionsAsync(all, cancel)).Where(s => s.School is null || SchoolScope.Covers(user, s.School)).ToList();
        await audit.RecordReadAsync(user, "alerts.suppressions", EventRoutes.Filters(q, null, user.School), list.Count, cancel);
        return JsonAnswer.Array("suppressions", list, AlertAnswers.Suppression);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, IAlertStore alerts, AuditTrail audit, IClock clock, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var s = (await alerts.SuppressionsAsync(false, cancel)).FirstOrDefault(x => x.Id == id && (x.School is null || SchoolScope.Covers(user, x.School)))
            ?? throw ApiProblemException.NotFound("no active suppression with this id");
        await audit.RecordReadAsync(user, "alerts.suppression-revoke", new RequestFilters(new Dictionary<string, string> { ["id"] = id }, null, s.School), 1, cancel);
        await alerts.RevokeSuppressionAsync(s.Id, user.Name, clock.GetCurrentInstant(), cancel);
        return Results.NoContent();
    }

    /// <summary>The live feed: one SSE event per notification of the caller's school(s), until the client goes.</summary>
    private static async Task FeedAsync(HttpContext http, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var feed = http.RequestServices.GetService<IAlertFeed>()
            ?? throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "alerts are not delivered by this process");
        await audit.RecordReadAsync(user, "alerts.feed", new RequestFilters(new Dictionary<string, string>(), null, user.School), 0, cancel);
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(": netwatch alerts\n\n", cancel);
        await http.Response.Body.FlushAsync(cancel);
        await foreach (var item in feed.SubscribeAsync(cancel))
        {
            if (!SchoolScope.Covers(user, item.School)) continue;
            var json = JsonSerializer.Serialize(new
            {
                key = item.Key, alert_id = item.AlertId, school = item.School, theme = item.Theme, severity = item.Severity,
                reason = item.Reason, version = item.Version, count = item.Count, subject = item.Subject,
            });
            await http.Response.WriteAsync($"id: {item.Key}\nevent: alert\ndata: {json}\n\n", cancel);
            await http.Response.Body.FlushAsync(cancel);
        }
    }

    private static async Task<Alert> FindAsync(string id, ApiUser user, IAlertStore alerts, CancellationToken cancel)
    {
        var alert = await alerts.GetAsync(id, cancel);
        // Another school's alert is "not found", as if it did not exist.
        if (alert is null || !SchoolScope.Covers(user, alert.School)) throw ApiProblemException.NotFound("no such alert");
        return alert;
    }

    /// <summary>Reads the alert, audits the change, stores the triage part as <paramref name="change"/> makes it, answers the alert.</summary>
    private static async Task<IResult> ChangeAsync(string id, HttpContext http, IAlertStore alerts, AuditTrail audit, string action,
        IReadOnlyList<(string Name, string Value)> values, CancellationToken cancel, Func<Alert, Alert> change)
    {
        var user = Caller.Of(http);
        var alert = await FindAsync(id, user, alerts, cancel);
        var changed = change(alert);
        var filters = values.Append(("id", id)).ToDictionary(v => v.Item1, v => v.Item2);
        await audit.RecordReadAsync(user, action, new RequestFilters(filters, null, alert.School), 1, cancel);
        await alerts.SaveTriageAsync(changed, cancel);
        return new JsonAnswer(w => { w.WriteStartObject(); AlertAnswers.Summary(w, changed); w.WriteEndObject(); });
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
