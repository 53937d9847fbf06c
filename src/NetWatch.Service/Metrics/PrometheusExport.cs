using NetWatch.Core.UrlClassification;
using Prometheus;

namespace NetWatch.Service.Metrics;

/// <summary>
/// The pipeline's figures on a prometheus-net registry (<see cref="ServiceMetrics.Registry"/>, which the API host
/// serves at /metrics), under the names /metrics has always used: before each scrape the counters are brought up to
/// the running totals of <see cref="ServiceMetrics"/> and the gauges set. The batch latency histogram is observed as
/// batches commit (<see cref="BatchLatency"/>).
/// </summary>
public static class PrometheusExport
{
    private static readonly string[] SourceLabels = ["source", "kind"];

    /// <summary>The batch latency histogram's buckets, in seconds.</summary>
    public static readonly double[] LatencyBounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    internal static void Register(ServiceMetrics metrics, CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var lines = factory.CreateCounter("netwatch_lines_read_total", "Lines (or syslog messages) read and stored as events or dead letters", SourceLabels);
        var stored = factory.CreateCounter("netwatch_events_stored_total", "Events newly stored", SourceLabels);
        var duplicates = factory.CreateCounter("netwatch_events_duplicate_total", "Events of a batch that were already stored (skipped)", SourceLabels);
        var dead = factory.CreateCounter("netwatch_dead_letters_total", "Lines that did not become events, by reason", [.. SourceLabels, "reason"]);
        var skipped = factory.CreateCounter("netwatch_lines_skipped_total", "Lines that are rightly not events (headers, non-request records), by reason", [.. SourceLabels, "reason"]);
        var lagBytes = factory.CreateGauge("netwatch_source_lag_bytes", "Bytes written to a followed file and not yet stored (the file's size now, less the stored offset)", SourceLabels);
        var lagSeconds = factory.CreateGauge("netwatch_source_lag_seconds", "How far behind the newest line the store is: seconds the oldest line written and not yet stored has waited (0 when caught up)", SourceLabels);
        var received = factory.CreateCounter("netwatch_syslog_received_total", "Syslog messages received", SourceLabels);
        var lost = factory.CreateCounter("netwatch_syslog_lost_total", "UDP syslog datagrams lost: by the kernel (receive buffer full) or by NetWatch (queue full)", [.. SourceLabels, "where"]);
        var findings = factory.CreateCounter("netwatch_findings_written_total", "Findings written to the store (each periodic store counts them all again)");
        var up = factory.CreateGauge("netwatch_up", "1 while the pipeline runs");
        var storedAhead = factory.CreateCounter("netwatch_alert_events_stored_ahead_total",
            "Batches whose alert-raising events the alerts' fast lane stored (with their alerts and notifications) ahead of the bulk writes");
        var pendingAhead = factory.CreateGauge("netwatch_alert_events_waiting",
            "Events the alerts' fast lane stored that no committed write session has taken over yet");
        var sideWaiting = factory.CreateGauge("netwatch_side_file_events_waiting",
            "Events committed into the side file while the store's main file checkpointed, not yet moved into it");
        var sideCheckpoints = factory.CreateCounter("netwatch_store_checkpoints_total",
            "Checkpoints of the store's main file run in the background (with a side file)");
        var regexTimeouts = factory.CreateCounter("netwatch_category_regex_timeouts_total",
            "Matches of the category lists' expressions abandoned at their time limit (counted as no match)");

        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var s in metrics.Sources.Values)
            {
                string[] labels = [s.Name, s.Kind];
                lines.WithLabels(labels).IncTo(s.LinesRead);
                stored.WithLabels(labels).IncTo(s.EventsStored);
                duplicates.WithLabels(labels).IncTo(s.Duplicates);
                foreach (var (reason, n) in s.DeadLettersByReason) dead.WithLabels(s.Name, s.Kind, reason).IncTo(n);
                foreach (var (reason, n) in s.SkippedByReason) skipped.WithLabels(s.Name, s.Kind, reason).IncTo(n);
                if (s.LagBytes is { } lag)
                {
                    lagBytes.WithLabels(labels).Set(lag());
                    lagSeconds.WithLabels(labels).Set(Math.Round(s.LagSeconds(), 3));
                }
                if (s.Syslog is { } syslog)
                {
                    received.WithLabels(labels).IncTo(syslog.Received);
                    lost.WithLabels(s.Name, s.Kind, "kernel").IncTo(syslog.KernelDrops());
                    lost.WithLabels(s.Name, s.Kind, "queue").IncTo(syslog.DroppedQueueFull);
                }
            }
            findings.IncTo(metrics.FindingsWritten());
            if (metrics.AlertFastLane() is { } lane)
            {
                storedAhead.IncTo(lane.Stored);
                pendingAhead.Set(lane.Waiting);
            }
            if (metrics.SideFile() is { } side)
            {
                sideWaiting.Set(side.EventsWaiting);
                sideCheckpoints.IncTo(side.Checkpoints);
            }
            regexTimeouts.IncTo(UrlCategorizer.ExpressionTimeouts);
            up.Set(metrics.Running ? 1 : 0);
        });
    }

    /// <summary>The batch latency histogram (read → committed), with the buckets /metrics has always had.</summary>
    internal static Histogram BatchLatency(CollectorRegistry registry) =>
        Prometheus.Metrics.WithCustomRegistry(registry).CreateHistogram("netwatch_batch_latency_seconds",
            "Time from reading a batch to committing it in the store", new HistogramConfiguration { Buckets = LatencyBounds });

    /// <summary>The alerts' fast lane's two hops, with finer buckets (its goal is a fraction of a second end to end).</summary>
    internal static (Histogram ReadToLane, Histogram InLane) AlertLane(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        var buckets = new HistogramConfiguration { Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };
        return (factory.CreateHistogram("netwatch_alert_read_to_lane_seconds",
                "Alert-raising batches: time from reading their lines to the alerts' fast lane (parse, enrichment, queue)", buckets),
            factory.CreateHistogram("netwatch_alert_lane_seconds",
                "Alert-raising batches: time in the alerts' fast lane (match, group, check, commit) before the alert is told", buckets));
    }
}
