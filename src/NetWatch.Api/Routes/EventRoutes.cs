using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Api.Routes;

/// <summary>
/// Events with names, for the DSL, deputy DSL and auditor (auditors state a purpose): search with keyset paging,
/// streamed export, one event, and a person's activity around an instant. Each answer is audited first.
/// </summary>
public static class EventRoutes
{
    public const int DefaultPageSize = 100;
    public static readonly Duration ActivityWindow = Duration.FromHours(1);

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/events", SearchAsync).RequireAuthorization(AccessMatrix.Events);
        api.MapGet("/events/export", ExportAsync).RequireAuthorization(AccessMatrix.Events);
        api.MapGet("/events/{id}", GetAsync).RequireAuthorization(AccessMatrix.Events);
        api.MapGet("/people/{person}/activity", ActivityAsync).RequireAuthorization(AccessMatrix.Events);
    }

    private static Task<IResult> SearchAsync(HttpContext http, IEventSearch search, AuditTrail audit, ApiOptions options, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        return PageAsync(http, q, EventFilters.Read(q), "events.search", search, audit, options, cancel);
    }

    private static Task<IResult> ActivityAsync(string person, HttpContext http, IEventSearch search, AuditTrail audit, ApiOptions options, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        var at = q.Instant("at") ?? throw ApiProblemException.BadRequest("'at' is required: the instant to look around (2026-11-23T10:15:00Z)");
        var query = new EventQuery { Person = person, From = at - ActivityWindow, To = at + ActivityWindow, School = q.String("school") };
        return PageAsync(http, q, query, "events.activity", search, audit, options, cancel, ("person", person));
    }

    /// <summary>One page of <paramref name="query"/> (narrowed to the caller's school), audited as <paramref name="action"/>.</summary>
    internal static async Task<IResult> PageAsync(HttpContext http, QueryReader q, EventQuery query, string action,
        IEventSearch search, AuditTrail audit, ApiOptions options, CancellationToken cancel, params (string Name, string Value)[] routeValues)
    {
        var user = Caller.Of(http);
        query = SchoolScope.Apply(user, query);
        var size = q.Int("page_size", 1, options.MaxPageSize) ?? DefaultPageSize;
        var cursor = Caller.Cursor(q);
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var page = await search.SearchAsync(query, size, cursor, cancel);
        await audit.RecordReadAsync(user, action, Filters(q, purpose, query.School, routeValues), page.Events.Count, cancel);
        return EventAnswers.Page(page.Events, page.Next?.ToToken());
    }

    private static async Task<IResult> ExportAsync(HttpContext http, IEventSearch search, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var query = SchoolScope.Apply(user, EventFilters.Read(q));
        var csv = q.OneOf("format", "ndjson", "csv") == "csv";
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        // The record says how many rows go out before the first one does; an export bounded by 'to' gets exactly these.
        var rows = await search.CountAsync(query, cancel);
        await audit.RecordReadAsync(user, "events.export", Filters(q, purpose, query.School), rows, cancel);
        return EventAnswers.Export(search.StreamAsync(query, cancel), csv);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IEventSearch search, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        if (!EventId.TryParse(id, out var eventId)) throw ApiProblemException.BadRequest("an event id is 32 hex digits");
        var e = await search.GetAsync(eventId, cancel);
        // Another school's event is "not found", as if it did not exist: its existence is not disclosed either.
        if (e is null || !SchoolScope.Covers(user, e.Organization?.Id)) throw ApiProblemException.NotFound("no such event");
        await audit.RecordReadAsync(user, "events.get", Filters(q, purpose, user.School, ("id", id)), 1, cancel);
        return EventAnswers.One(e);
    }

    internal static RequestFilters Filters(QueryReader q, string? purpose, string? school, params (string Name, string Value)[] routeValues)
    {
        var values = q.Filters.ToDictionary(StringComparer.Ordinal);
        foreach (var (name, value) in routeValues) values[name] = value;
        return new RequestFilters(values, purpose, school);
    }
}
