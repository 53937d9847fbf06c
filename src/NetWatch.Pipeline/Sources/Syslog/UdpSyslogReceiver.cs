using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace NetWatch.Pipeline.Sources.Syslog;

/// <summary>
/// Receives syslog over UDP: one message per datagram (a trailing LF is dropped). UDP has no flow control, so a
/// datagram that finds NetWatch's queue full is dropped and counted, and the kernel's own drops (receive buffer
/// full) are read from /proc/net/udp: together they account for every datagram that did not arrive as a message.
/// </summary>
public sealed class UdpSyslogReceiver : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false, false);
    private readonly Socket _socket;

    public UdpSyslogReceiver(IPEndPoint endpoint, int receiveBufferBytes = 32 << 20)
    {
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = receiveBufferBytes;
        _socket.Bind(endpoint);
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
        Counters.KernelDrops = () => KernelDrops(Endpoint);
    }

    public IPEndPoint Endpoint { get; }
    public SyslogCounters Counters { get; } = new();

    public async Task RunAsync(ChannelWriter<string> messages, CancellationToken stop)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
                var length = result.ReceivedBytes;
                while (length > 0 && buffer[length - 1] is (byte)'\n' or (byte)'\r' or 0) length--;
                if (length == 0) continue;
                Counters.AddReceived();
                if (!messages.TryWrite(Utf8.GetString(buffer, 0, length))) Counters.AddDropped();
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>The kernel's drop count for the socket bound to <paramref name="endpoint"/> (0 where /proc is not there).</summary>
    public static long KernelDrops(IPEndPoint endpoint)
    {
        var table = endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? "/proc/net/udp6" : "/proc/net/udp";
        if (!File.Exists(table)) return 0;
        var port = ":" + endpoint.Port.ToString("X4", CultureInfo.InvariantCulture);
        long drops = 0;
        foreach (var line in File.ReadLines(table).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 12 && fields[1].EndsWith(port, StringComparison.Ordinal)
                && long.TryParse(fields[^1], CultureInfo.InvariantCulture, out var d)) drops += d;
        }
        return drops;
    }

    public void Dispose() => _socket.Dispose();
}
