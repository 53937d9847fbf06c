using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// For the DSL and deputy DSL: findings (events of kind alert: shared passwords, unknown devices, ...) with every
/// event filter and paging, and visits (time on site) of a period or a person.
/// </summary>
public static class SafeguardingRoutes
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/findings", FindingsAsync).RequireAuthorization(AccessMatrix.Safeguarding);
        api.MapGet("/visits", VisitsAsync).RequireAuthorization(AccessMatrix.Safeguarding);
    }

    private static Task<IResult> FindingsAsync(HttpContext http, IEventSearch search, AuditTrail audit, ApiOptions options, CancellationToken cancel)
    {
        var q = new QueryReader(http.Request.Query);
        var query = EventFilters.Read(q);
        if (query.Findings == false) throw ApiProblemException.BadRequest("findings=false asks for no findings: use /api/events");
        return EventRoutes.PageAsync(http, q, query with { Findings = true }, "findings.search", search, audit, options, cancel);
    }

    private static async Task<IResult> VisitsAsync(HttpContext http, IEventSearch search, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var from = q.Instant("from");
        var to = q.Instant("to");
        var person = q.String("person");
        // A school-scoped account sees its school's visits (a visit's school is its first event's); naming another is 403.
        var school = SchoolScope.Effective(user, q.String("school"));
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var visits = await search.VisitsAsync(from, to, person, school, cancel);
        await audit.RecordReadAsync(user, "visits", EventRoutes.Filters(q, purpose, school), visits.Count, cancel);
        return JsonAnswer.Array("visits", visits, RecordJson.WriteVisit);
    }
}
