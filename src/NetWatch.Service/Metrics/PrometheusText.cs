using System.Globalization;
using System.Text;

namespace NetWatch.Service.Metrics;

/// <summary>Writes the metrics in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(ServiceMetrics metrics)
    {
        var sb = new StringBuilder();
        var sources = metrics.Sources.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Family(sb, "netwatch_lines_read_total", "counter", "Lines (or syslog messages) read and stored as events or dead letters",
            sources.Select(s => (Labels(s), (double)s.LinesRead)));
        Family(sb, "netwatch_events_stored_total", "counter", "Events newly stored",
            sources.Select(s => (Labels(s), (double)s.EventsStored)));
        Family(sb, "netwatch_events_duplicate_total", "counter", "Events of a batch that were already stored (skipped)",
            sources.Select(s => (Labels(s), (double)s.Duplicates)));
        Family(sb, "netwatch_dead_letters_total", "counter", "Lines that did not become events, by reason",
            sources.SelectMany(s => s.DeadLettersByReason.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => (Labels(s) + $",reason=\"{Escape(d.Key)}\"", (double)d.Value))));
        Family(sb, "netwatch_lines_skipped_total", "counter", "Lines that are rightly not events (headers, non-request records), by reason",
            sources.SelectMany(s => s.SkippedByReason.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => (Labels(s) + $",reason=\"{Escape(d.Key)}\"", (double)d.Value))));
        var files = sources.Where(s => s.LagBytes is not null).ToList();
        Family(sb, "netwatch_source_lag_bytes", "gauge", "Bytes written to a followed file and not yet stored",
            files.Select(s => (Labels(s), (double)s.LagBytes!())));
        Family(sb, "netwatch_source_lag_seconds", "gauge", "Seconds since a followed file was last fully stored (0 when caught up)",
            files.Select(s => (Labels(s), Math.Round(s.LagSeconds(), 3))));
        var syslog = sources.Where(s => s.Syslog is not null).ToList();
        Family(sb, "netwatch_syslog_received_total", "counter", "Syslog messages received",
            syslog.Select(s => (Labels(s), (double)s.Syslog!.Received)));
        Family(sb, "netwatch_syslog_lost_total", "counter", "UDP syslog datagrams lost: by the kernel (receive buffer full) or by NetWatch (queue full)",
            syslog.SelectMany(s => new[]
            {
                (Labels(s) + ",where=\"kernel\"", (double)s.Syslog!.KernelDrops()),
                (Labels(s) + ",where=\"queue\"", (double)s.Syslog!.DroppedQueueFull),
            }));
        Family(sb, "netwatch_findings_written_total", "counter", "Findings written to the store (each periodic store counts them all again)",
            [("", (double)metrics.FindingsWritten())]);
        var (cumulative, sum, count) = metrics.BatchLatency.Snapshot();
        sb.Append("# HELP netwatch_batch_latency_seconds Time from reading a batch to committing it in the store\n");
        sb.Append("# TYPE netwatch_batch_latency_seconds histogram\n");
        for (var i = 0; i < cumulative.Length; i++)
        {
            var le = i < LatencyHistogram.Bounds.Length ? LatencyHistogram.Bounds[i].ToString(CultureInfo.InvariantCulture) : "+Inf";
            sb.Append($"netwatch_batch_latency_seconds_bucket{{le=\"{le}\"}} {cumulative[i]}\n");
        }
        sb.Append($"netwatch_batch_latency_seconds_sum {sum.ToString(CultureInfo.InvariantCulture)}\n");
        sb.Append($"netwatch_batch_latency_seconds_count {count}\n");
        sb.Append("# HELP netwatch_up 1 while the pipeline runs\n# TYPE netwatch_up gauge\n");
        sb.Append($"netwatch_up {(metrics.Running ? 1 : 0)}\n");
        return sb.ToString();
    }

    private static string Labels(SourceMetrics s) => $"source=\"{Escape(s.Name)}\",kind=\"{s.Kind}\"";

    private static void Family(StringBuilder sb, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        sb.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n");
        foreach (var (labels, value) in samples)
            sb.Append(labels.Length == 0 ? $"{name} " : $"{name}{{{labels}}} ").Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
