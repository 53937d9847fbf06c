using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetWatch.Service.Metrics;

/// <summary>/healthz's check of the pipeline: healthy while it runs, else unhealthy with why it stopped (when it failed).</summary>
public sealed class PipelineHealthCheck(ServiceMetrics metrics) : IHealthCheck
{
    public const string Name = "pipeline";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(metrics.Running ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(metrics.Failure));
}
