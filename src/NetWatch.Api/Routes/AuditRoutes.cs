using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Storage.Contracts.Audit;

namespace NetWatch.Api.Routes;

/// <summary>
/// <c>GET /api/audit[?from&amp;to&amp;actor&amp;action]&amp;purpose=...</c>: the audit log for the auditor (a school-scoped
/// auditor sees its school's records). Reading it is itself recorded.
/// </summary>
public static class AuditRoutes
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/audit", ReadAsync).RequireAuthorization(AccessMatrix.Audit);

    private static async Task<IResult> ReadAsync(HttpContext http, IAuditLog log, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var query = new AuditQuery(q.Instant("from"), q.Instant("to"), q.String("actor"), q.String("action"));
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var records = (await log.ReadAsync(query, cancel)).Where(r => SchoolScope.Covers(user, r.Record.School)).ToList();
        await audit.RecordReadAsync(user, "audit.read", EventRoutes.Filters(q, purpose, user.School), records.Count, cancel);
        return JsonAnswer.Array("records", records, RecordJson.WriteAudit);
    }
}
