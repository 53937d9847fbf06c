using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Service.Metrics;
using NetWatch.Tests.Shared;
using NodaTime;
using Prometheus;

namespace NetWatch.Service.Tests;

/// <summary>The pipeline's figures on a prometheus-net registry keep the names and labels /metrics has always had.</summary>
public sealed class PrometheusExportTests
{
    private static async Task<string> Scrape(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Each_scrape_reports_the_running_totals_under_the_old_names()
    {
        var metrics = new ServiceMetrics();
        var source = metrics.Add("proxy", "file");
        source.LagBytes = () => 42;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        PrometheusExport.Register(metrics, registry);
        var dead = new DeadLetter("proxy", 3, "junk", "bad-timestamp", null, Instant.FromUtc(2026, 11, 23, 10, 0));
        source.Add(new EventBatch("proxy", [TestEvents.Minimal(1), TestEvents.Minimal(2)], [dead], 3, 3), stored: 1);
        metrics.Running = true;

        var text = await Scrape(registry);
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 3", text);
        Assert.Contains("netwatch_events_stored_total{source=\"proxy\",kind=\"file\"} 1", text);
        Assert.Contains("netwatch_events_duplicate_total{source=\"proxy\",kind=\"file\"} 1", text);
        Assert.Contains("netwatch_dead_letters_total{source=\"proxy\",kind=\"file\",reason=\"bad-timestamp\"} 1", text);
        Assert.Contains("netwatch_source_lag_bytes{source=\"proxy\",kind=\"file\"} 42", text);
        Assert.Contains("netwatch_up 1", text);

        source.Add(new EventBatch("proxy", [TestEvents.Minimal(3)], [], 1, 4), stored: 1);
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 4", await Scrape(registry));
    }
}
