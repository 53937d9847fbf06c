using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Core.Ecs;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Routes;

/// <summary><c>GET /api/accounts</c>: the accounts (never their hashes) for the ICT administrator, of its school when scoped.</summary>
public static class AccountRoutes
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/accounts", ListAsync).RequireAuthorization(AccessMatrix.Accounts);

    private static async Task<IResult> ListAsync(HttpContext http, IAccountStore accounts, AuditTrail audit, CancellationToken cancel)
    {
        var user = Caller.Of(http);
        var q = new QueryReader(http.Request.Query);
        var purpose = Caller.Purpose(user, q);
        q.RejectUnknown();
        var visible = (await accounts.ListAsync(cancel)).Where(a => SchoolScope.Covers(user, a.School)).ToList();
        await audit.RecordReadAsync(user, "accounts.list", EventRoutes.Filters(q, purpose, user.School), visible.Count, cancel);
        return JsonAnswer.Array("accounts", visible, (w, a) =>
        {
            w.WriteString("name", a.Name);
            w.WriteString("role", AccountRoles.Name(a.Role));
            if (a.School is not null) w.WriteString("school", a.School);
            w.WriteBoolean("disabled", a.Disabled);
            if (a.LockedUntil is { } locked) w.WriteString("locked_until", EcsJsonWriter.FormatInstant(locked));
            w.WriteString("created_at", EcsJsonWriter.FormatInstant(a.CreatedAt));
        });
    }
}
