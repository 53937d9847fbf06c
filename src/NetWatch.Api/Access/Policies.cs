using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using NetWatch.Storage.Contracts.Accounts;

namespace NetWatch.Api.Access;

/// <summary>The authorization policies: one per capability of <see cref="AccessMatrix"/>, and /metrics's.</summary>
public static class Policies
{
    public const string Metrics = "metrics";

    public static void Add(AuthorizationOptions authorization, ApiOptions options)
    {
        foreach (var (capability, roles) in AccessMatrix.Roles)
            authorization.AddPolicy(capability, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(AccountRoles.Name)));
        authorization.AddPolicy(Metrics, p => p.RequireAssertion(context =>
            options.MetricsFromAnyAddress
            || context.Resource is HttpContext { Connection.RemoteIpAddress: { } remote } && IPAddress.IsLoopback(remote)
            || context.User.IsInRole(AccountRoles.Name(AccountRole.IctAdmin))));
    }
}
