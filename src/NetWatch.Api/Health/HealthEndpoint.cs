using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetWatch.Api.Health;

/// <summary>
/// <c>GET /healthz</c>, for anyone: 200 <c>ok</c> while every registered health check passes, else 503 with the first
/// failing check's description (the service registers one for its pipeline: running, or why it stopped).
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status != HealthStatus.Unhealthy) return context.Response.WriteAsync("ok\n");
        var failing = report.Entries.Values.FirstOrDefault(e => e.Status == HealthStatus.Unhealthy);
        return context.Response.WriteAsync("not running" + (failing.Description is { Length: > 0 } d ? ": " + d : "") + "\n");
    }
}
