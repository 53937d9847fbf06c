using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Api.Security;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Search;

namespace NetWatch.Api.Routes;

/// <summary>
/// <c>GET /api/visitors?domain=D</c> (or <c>url=TEXT</c>) <c>[&amp;from&amp;to&amp;school]</c>: who visited a site, with
/// their requests and bytes, most requests first. A question the DSL asks after a report about a site.
/// </summary>
public static class VisitorRoutes
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/visitors", VisitorsAsync).RequireAuthorization(AccessMatrix.Events);

    private static async Task<IResult> VisitorsAsync(HttpContext http, IAggregates aggregates, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var query = new EventQuery
        {
            Domain = q.String("domain"),
            UrlContains = q.String("url"),
            From = q.Instant("from"),
            To = q.Instant("to"),
            School = q.String("school"),
            Findings = false,
        };
        if ((query.Domain is null) == (query.UrlContains is null)) throw ApiProblemException.BadRequest("give either 'domain' or 'url'");
        query = SchoolScope.Apply(user, query);
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var result = await aggregates.AggregateAsync([new AggregateQuery { Name = "visitors", Filter = query, By = AggregateDimension.Person, VisitMinutes = false }], cancel);
        var rows = result.Single().Rows;
        await audit.RecordReadAsync(user, "events.visitors", EventRoutes.Filters(q, purpose, query.School), rows.Count, cancel);
        return JsonAnswer.Array("visitors", rows, (w, row) =>
        {
            w.WriteString("person", row.Key);
            w.WriteNumber("requests", row.Requests);
            w.WriteNumber("bytes", row.Bytes);
        });
    }
}
