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
    /// <summary>The registry's text as /metrics serves it.</summary>
    internal static async Task<string> Scrape(CollectorRegistry registry)
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
        var registry = metrics.Registry;
        var dead = new DeadLetter("proxy", 3, "junk", "bad-timestamp", null, Instant.FromUtc(2026, 11, 23, 10, 0));
        source.Add(new EventBatch("proxy", [TestEvents.Minimal(1), TestEvents.Minimal(2)], [dead], 3, 3), stored: 1, events: 2);
        metrics.Running = true;

        var text = await Scrape(registry);
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 3", text);
        Assert.Contains("netwatch_events_stored_total{source=\"proxy\",kind=\"file\"} 1", text);
        Assert.Contains("netwatch_events_duplicate_total{source=\"proxy\",kind=\"file\"} 1", text);
        Assert.Contains("netwatch_dead_letters_total{source=\"proxy\",kind=\"file\",reason=\"bad-timestamp\"} 1", text);
        Assert.Contains("netwatch_source_lag_bytes{source=\"proxy\",kind=\"file\"} 42", text);
        Assert.Contains("netwatch_up 1", text);

        source.Add(new EventBatch("proxy", [TestEvents.Minimal(3)], [], 1, 4), stored: 1, events: 1);
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 4", await Scrape(registry));
    }

    [Fact]
    public async Task A_batch_passed_on_without_its_events_counts_its_events_and_duplicates_as_it_had_them()
    {
        // The store stage behind passes its batches on at the session's commit without their events (StoredBatch.Released).
        var metrics = new ServiceMetrics();
        metrics.Add("proxy", "file");
        var dead = new DeadLetter("proxy", 4, "junk", "bad-timestamp", null, Instant.FromUtc(2026, 11, 23, 10, 0));
        var batch = new EventBatch("proxy", [TestEvents.Minimal(1), TestEvents.Minimal(2), TestEvents.Minimal(3)], [dead], 4, 4);
        metrics.Record(Pipeline.Flows.StoredBatch.Released(batch, stored: 2) with { CheckpointSource = "proxy" });

        var text = await Scrape(metrics.Registry);
        Assert.Contains("netwatch_lines_read_total{source=\"proxy\",kind=\"file\"} 4", text);
        Assert.Contains("netwatch_events_stored_total{source=\"proxy\",kind=\"file\"} 2", text);
        Assert.Contains("netwatch_events_duplicate_total{source=\"proxy\",kind=\"file\"} 1", text);
        Assert.Contains("netwatch_dead_letters_total{source=\"proxy\",kind=\"file\",reason=\"bad-timestamp\"} 1", text);
    }

    [Fact]
    public async Task Batch_latency_is_a_histogram_and_the_category_expressions_timeouts_a_counter()
    {
        var metrics = new ServiceMetrics();
        metrics.Add("proxy", "file");
        var batch = new EventBatch("proxy", [TestEvents.Minimal(1)], [], 1, 1);
        metrics.Record(new Pipeline.Flows.StoredBatch(batch, 1, TimeSpan.FromMilliseconds(30)));
        metrics.Record(new Pipeline.Flows.StoredBatch(batch, 0, TimeSpan.FromSeconds(3)));

        var text = await Scrape(metrics.Registry);
        Assert.Contains("netwatch_batch_latency_seconds_bucket{le=\"0.025\"} 0", text);
        Assert.Contains("netwatch_batch_latency_seconds_bucket{le=\"0.05\"} 1", text);
        Assert.Contains("netwatch_batch_latency_seconds_bucket{le=\"5\"} 2", text);
        Assert.Contains("netwatch_batch_latency_seconds_count 2", text);
        Assert.Contains("# TYPE netwatch_category_regex_timeouts_total counter", text);
    }

    [Fact]
    public async Task An_expression_that_runs_out_of_time_is_counted()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("lists/slow"));
        File.WriteAllText(dir.File("lists/slow/expressions"), "(a+)+b\n"); // catastrophic backtracking on a run of a's without a b
        var categorizer = Pipeline.Reference.CategoryListLoader.Load([dir.File("lists")]);
        var metrics = new ServiceMetrics();
        double Timeouts(string text) => double.Parse(System.Text.RegularExpressions.Regex.Match(text, @"\nnetwatch_category_regex_timeouts_total (\S+)\n").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var before = Timeouts(await Scrape(metrics.Registry));
        var url = "http://example.com/" + new string('a', 40) + "c";
        Assert.Empty(categorizer.Categorize(new UrlParts { Original = url, Domain = "example.com", Path = "/" + new string('a', 40) + "c" }));
        Assert.True(Timeouts(await Scrape(metrics.Registry)) >= before + 1);
    }
}
