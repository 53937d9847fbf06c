using Prometheus;

namespace NetWatch.Api.Metrics;

/// <summary>
/// The Prometheus registry /metrics serves (prometheus-net): one per host rather than the library's static default,
/// so that two hosts in one process (tests) do not share figures. The service hands in the registry its pipeline's
/// figures are on (<see cref="ApiMetrics(CollectorRegistry)"/>); others register theirs on <see cref="Registry"/>
/// (through <see cref="Factory"/>, or a before-collect callback that copies their own figures).
/// </summary>
public sealed class ApiMetrics(CollectorRegistry registry)
{
    public ApiMetrics() : this(Prometheus.Metrics.NewCustomRegistry()) { }

    public CollectorRegistry Registry { get; } = registry;

    public IMetricFactory Factory => Prometheus.Metrics.WithCustomRegistry(Registry);
}
