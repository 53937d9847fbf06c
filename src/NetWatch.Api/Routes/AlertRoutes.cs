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

    private static async Task<IResult> ListAsync(HttpContext http, AlertTriage triage, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        AlertStatus? status = q.OneOf("status", [.. AlertNames.Statuses]) is { } s && AlertNames.TryStatus(s, out var st) ? st : null;
        var query = new AlertQuery
        {
            From = q.Instant("from"), To = q.Instant("to"), School = q.String("school"), Person = q.String("person"),
            Theme = q.String("theme"), MinSeverity = q.Int("min_severity", 1, 5), Status = status, Limit = q.Int("limit", 1, 1000) ?? 100,
        };
        q.RejectUnknown();
        var list = await triage.ListAsync(Caller.Of(http), query, q.Filters.ToDictionary(StringComparer.Ordinal), cancel);
        return JsonAnswer.Array("alerts", list, AlertAnswers.Summary);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, AlertTriage triage, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        q.RejectUnknown();
        var view = await triage.GetAsync(Caller.Of(http), id, q.Filters.ToDictionary(StringComparer.Ordinal), cancel);
        return new JsonAnswer(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("alert");
            AlertAnswers.Full(w, view.Alert, view.Deliveries);
            w.WriteEndObject();
            w.WriteStartArray("activity");
            foreach (var e in view.Activity) Core.Ecs.EcsJsonWriter.Write(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpContext http, AlertTriage triage, CancellationToken cancel) =>
        Answer(await triage.AcknowledgeAsync(Caller.Of(http), id, cancel));

    public sealed record AssignRequest(string? Assignee);

    private static async Task<IResult> AssignAsync(string id, AssignRequest request, HttpContext http, AlertTriage triage, CancellationToken cancel) =>
        Answer(await triage.AssignAsync(Caller.Of(http), id, request.Assignee, cancel));

    public sealed record NoteRequest(string? Text);

    private static async Task<IResult> NoteAsync(string id, NoteRequest request, HttpContext http, AlertTriage triage, CancellationToken cancel) =>
        Answer(await triage.NoteAsync(Caller.Of(http), id, request.Text, cancel));

    public sealed record CloseRequest(string? Outcome, string? Note, SuppressionRequest? Suppress);

    private static async Task<IResult> CloseAsync(string id, CloseRequest request, HttpContext http, AlertTriage triage, CancellationToken cancel) =>
        Answer(await triage.CloseAsync(Caller.Of(http), id, request.Outcome, request.Note, request.Suppress, cancel));

    private static IResult Answer(Alert alert) => new JsonAnswer(w => { w.WriteStartObject(); AlertAnswers.Summary(w, alert); w.WriteEndObject(); });

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
}
