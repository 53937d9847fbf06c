using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using NetWatch.Core.Parsing.Syslog;

namespace NetWatch.Pipeline.Sources.Syslog;

/// <summary>
/// Receives syslog over TCP from any number of senders, each connection framed by octet counting or by newline
/// (RFC 6587, told per frame). A full queue makes the receiver stop reading, so TCP's flow control slows the
/// sender down instead of anything being dropped.
/// </summary>
public sealed class TcpSyslogReceiver : IDisposable
{
    private readonly TcpListener _listener;

    public TcpSyslogReceiver(IPEndPoint endpoint)
    {
        _listener = new TcpListener(endpoint);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
    }

    public IPEndPoint Endpoint { get; }
    public SyslogCounters Counters { get; } = new();

    public async Task RunAsync(ChannelWriter<string> messages, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(stop);
                connections.Add(ReadAsync(client, messages, stop));
                connections.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) when (stop.IsCancellationRequested) { }
        await Task.WhenAll(connections);
    }

    private async Task ReadAsync(TcpClient client, ChannelWriter<string> messages, CancellationToken stop)
    {
        using var _ = client;
        var decoder = new SyslogFrameDecoder();
        var buffer = new byte[1 << 16];
        var stream = client.GetStream();
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, stop);
                if (n == 0) break;
                foreach (var frame in decoder.Feed(buffer.AsSpan(0, n))) await Write(frame);
            }
            if (decoder.Flush() is { } last) await Write(last);
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (SocketException) { }

        async Task Write(string frame)
        {
            Counters.AddReceived();
            await messages.WriteAsync(frame, CancellationToken.None);
        }
    }

    public void Dispose() => _listener.Stop();
}
