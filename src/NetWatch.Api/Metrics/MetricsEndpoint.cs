using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace NetWatch.Api.Metrics;

/// <summary><c>GET /metrics</c>: the Prometheus text of <see cref="ApiMetrics.Registry"/>, for loopback clients (or anyone,
/// when configured) and signed-in ICT administrators; see <see cref="Access.Policies.Metrics"/>.</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMetrics(Path, endpoints.ServiceProvider.GetRequiredService<ApiMetrics>().Registry)
            .RequireAuthorization(Access.Policies.Metrics);
}
