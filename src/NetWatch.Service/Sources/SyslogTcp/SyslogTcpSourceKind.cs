using System.Net;
using NetWatch.Pipeline.Sources.Syslog;
using NetWatch.Service.Sources.Syslog;

namespace NetWatch.Service.Sources.SyslogTcp;

/// <summary>The <c>syslog-tcp</c> source kind: a TCP receiver (octet counting or newline framing), listening once prepared.</summary>
public sealed class SyslogTcpSourceKind : ISourceKind
{
    public string Type => "syslog-tcp";

    public bool Replays => false;

    public IReadOnlyList<string> Keys => SyslogBinding.Keys;

    public SourceSettings Bind(SourceBinding binding) => SyslogBinding.Bind(binding, Type);

    public IPreparedSource Prepare(SourceSettings settings, SourceContext context)
    {
        var syslog = (SyslogSettings)settings;
        var tcp = new TcpSyslogReceiver(new IPEndPoint(IPAddress.Parse(syslog.Bind), syslog.Port));
        return new SyslogReceiverSource(syslog, context, tcp, tcp.RunAsync, $"syslog-tcp:{tcp.Endpoint}", tcp.Counters);
    }
}
