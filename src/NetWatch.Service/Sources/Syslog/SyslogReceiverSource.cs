using System.Threading.Channels;
using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Syslog;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources.Syslog;

namespace NetWatch.Service.Sources.Syslog;

/// <summary>
/// A syslog receiver (UDP or TCP, bound when prepared) as a source of batches, messages numbered from the committed
/// count (<see cref="SyslogCheckpoint"/>). On a graceful stop every received message is stored; on a crash, messages
/// received but not yet committed are lost (plain syslog has no application acknowledgement; RELP would be needed).
/// </summary>
internal sealed class SyslogReceiverSource : IPreparedSource
{
    private const int QueueCapacity = 50_000;
    private const int BatchSize = 2_000;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

    private readonly SyslogSettings _settings;
    private readonly SourceContext _context;
    private readonly IDisposable _receiver;
    private readonly Func<ChannelWriter<string>, CancellationToken, Task> _run;
    private readonly string _endpoint;
    private readonly Pipeline.Sources.Syslog.SyslogCounters _counters;
    private Task _stopped = Task.CompletedTask;

    public SyslogReceiverSource(SyslogSettings settings, SourceContext context, IDisposable receiver,
        Func<ChannelWriter<string>, CancellationToken, Task> run, string endpoint, Pipeline.Sources.Syslog.SyslogCounters counters)
    {
        (_settings, _context, _receiver, _run, _endpoint, _counters) = (settings, context, receiver, run, endpoint, counters);
    }

    public Task Stopped => _stopped;

    public IReadOnlyList<Source<ParseJob, NotUsed>> Start(SourceStart start)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        _stopped = _run(channel.Writer, _context.Stop).ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        var (name, type) = (_settings.Name, _settings.Type);
        _context.Metrics.Add(name, type).Syslog = _counters;
        _context.Logger.LogInformation("receiving syslog as {Source} on {Endpoint}", name, _endpoint);
        var parser = new SyslogRoutingParser(_settings.Rules.Select(r => new SyslogRule(r.Host, r.AppName, LogFormats.CreateParser(r.Format))).ToList());
        var sequence = SyslogCheckpoint.FromCheckpoint(start.Checkpoints.GetValueOrDefault(name)?.Checkpoint);
        var school = _settings.School;
        return
        [
            ChannelSource.FromReader(channel.Reader)
                .GroupedWithin(BatchSize, BatchWindow)
                .Select(messages =>
                {
                    var list = messages.ToList();
                    var block = SyslogBlocks.Create(name, sequence + 1, list);
                    sequence += list.Count;
                    return new ParseJob(block, parser, new SourceMark(SyslogCheckpoint.ToCheckpoint(name, type, sequence))) { School = school };
                }),
        ];
    }

    public void Dispose() => _receiver.Dispose();
}
