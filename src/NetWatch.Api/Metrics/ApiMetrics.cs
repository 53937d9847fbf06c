using Prometheus;

namespace NetWatch.Api.Metrics;

/// <summary>
/// The Prometheus registry /metrics serves (prometheus-net): one per host rather than the library's static default,
/// so that two hosts in one process (tests) do not share figures. The service registers its pipeline's counters on
/// <see cref="Registry"/> (through <see cref="Factory"/>, or a before-collect callback that copies its own figures).
/// </summary>
public sealed class ApiMetrics
{
    public CollectorRegistry Registry { get; } = Prometheus.Metrics.NewCustomRegistry();

    public IMetricFactory Factory => Prometheus.Metrics.WithCustomRegistry(Registry);
}
