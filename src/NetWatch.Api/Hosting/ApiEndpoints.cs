using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using NetWatch.Api.Health;
using NetWatch.Api.Metrics;
using NetWatch.Api.Routes;
using NetWatch.Api.Security;

namespace NetWatch.Api.Hosting;

/// <summary>The API's middleware, in order, and its routes: /healthz, /metrics and everything under /api.</summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static WebApplication MapNetWatchApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ApiOptions>();
        // First: everything after (rate limits, audit, /metrics' loopback rule, cookies) sees the client behind the proxy.
        if (options.ReverseProxy is { } proxy) app.UseForwardedHeaders(proxy.ToOptions());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        if (options.Https) app.UseHsts();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.MapMetricsEndpoint();
        var api = app.MapGroup(Prefix);
        SessionRoutes.Map(api);
        EventRoutes.Map(api);
        VisitorRoutes.Map(api);
        SafeguardingRoutes.Map(api);
        AlertRoutes.Map(api);
        AggregateRoutes.Map(api);
        OperationsRoutes.Map(api);
        AuditRoutes.Map(api);
        AccountRoutes.Map(api);
        SubjectAccessRoutes.Map(api);
        NoticeRoutes.Map(api);
        return app;
    }
}
