using System.Net;
using NetWatch.Pipeline.Sources.Syslog;
using NetWatch.Service.Sources.Syslog;

namespace NetWatch.Service.Sources.SyslogUdp;

/// <summary>The <c>syslog-udp</c> source kind: a UDP receiver (RFC 5424 / RFC 3164), bound when the source is prepared.</summary>
public sealed class SyslogUdpSourceKind : ISourceKind
{
    public string Type => "syslog-udp";

    public bool Replays => false;

    public IReadOnlyList<string> Keys => SyslogBinding.Keys;

    public SourceSettings Bind(SourceBinding binding) => SyslogBinding.Bind(binding, Type);

    public IPreparedSource Prepare(SourceSettings settings, SourceContext context)
    {
        var syslog = (SyslogSettings)settings;
        var udp = new UdpSyslogReceiver(new IPEndPoint(IPAddress.Parse(syslog.Bind), syslog.Port));
        return new SyslogReceiverSource(syslog, context, udp, udp.RunAsync, $"syslog-udp:{udp.Endpoint}", udp.Counters);
    }
}
