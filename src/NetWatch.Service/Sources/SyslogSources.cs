using System.Net;
using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Syslog;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources.Syslog;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Storage;

namespace NetWatch.Service.Sources;

/// <summary>
/// A syslog receiver (UDP or TCP) as a source of batches. Messages are numbered from the committed count, so each
/// message's event id (format + number + body) is new across restarts. Syslog carries no position a sender could
/// resume from: on a graceful stop every received message is stored; on a crash, messages received but not yet
/// committed are lost (plain syslog has no application acknowledgement; RELP would be needed for that).
/// </summary>
internal sealed class SyslogSources : IDisposable
{
    private const int QueueCapacity = 50_000;
    private const int BatchSize = 2_000;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly List<IDisposable> _receivers = [];
    private readonly List<Task> _running = [];

    public IEnumerable<Source<ParseJob, NotUsed>> Create(
        SourceConfig config, IReadOnlyDictionary<string, StoredPosition> positions, ServiceMetrics metrics, ILogger logger, CancellationToken stop)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        var endpoint = new IPEndPoint(IPAddress.Parse(config.Bind), config.Port);
        SyslogCounters counters;
        Task receiving;
        string fileId;
        if (config.Kind == SourceKind.SyslogUdp)
        {
            var udp = new UdpSyslogReceiver(endpoint);
            _receivers.Add(udp);
            counters = udp.Counters;
            receiving = udp.RunAsync(channel.Writer, stop);
            fileId = $"syslog-udp:{udp.Endpoint}";
        }
        else
        {
            var tcp = new TcpSyslogReceiver(endpoint);
            _receivers.Add(tcp);
            counters = tcp.Counters;
            receiving = tcp.RunAsync(channel.Writer, stop);
            fileId = $"syslog-tcp:{tcp.Endpoint}";
        }
        _running.Add(receiving.ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default));
        metrics.Add(config.Name, config.Kind == SourceKind.SyslogUdp ? "syslog-udp" : "syslog-tcp").Syslog = counters;
        logger.LogInformation("receiving syslog as {Source} on {Endpoint}", config.Name, fileId);

        var parser = new SyslogRoutingParser(config.Rules
            .Select(r => new SyslogRule(r.Host, r.AppName, LogFormats.CreateParser(r.Format))).ToList());
        var sequence = positions.TryGetValue(config.Name, out var resume) ? resume.Position.Offset : 0;
        yield return ChannelSource.FromReader(channel.Reader)
            .GroupedWithin(BatchSize, BatchWindow)
            .Select(messages =>
            {
                var list = messages.ToList();
                var block = Pipeline.Sources.Syslog.SyslogBlocks.Create(config.Name, sequence + 1, list);
                sequence += list.Count;
                return new ParseJob(block, parser, new SourcePosition(config.Name, fileId, sequence, sequence));
            });
    }

    /// <summary>Waits for the receivers to stop (after the stop token) and their queues to be closed.</summary>
    public Task Stopped => Task.WhenAll(_running);

    public void Dispose()
    {
        foreach (var r in _receivers) r.Dispose();
    }
}
