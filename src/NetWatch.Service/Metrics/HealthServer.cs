using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NetWatch.Service.Metrics;

/// <summary>
/// Serves /metrics (Prometheus text) and /healthz on 127.0.0.1: two read-only GET endpoints over a plain
/// TcpListener, one request per connection. Not the BCL's HttpListener: on Linux its Start can throw when a client
/// connects while it starts (dotnet/corefx#35191), as a scraper polling a restarting service does. The web app of a
/// later issue brings ASP.NET Core.
/// </summary>
public sealed class HealthServer(ServiceMetrics metrics, string bind, int port, ILogger logger) : IDisposable
{
    private const int MaxRequestBytes = 8192;
    private readonly TcpListener _listener = new(IPAddress.Parse(bind), port);
    private readonly CancellationTokenSource _stop = new();

    public string Url => $"http://{(bind.Contains(':') ? $"[{bind}]" : bind)}:{port}/";

    public void Start()
    {
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try { await RespondAsync(client.GetStream()); }
                    catch (Exception ex) { logger.LogWarning(ex, "health request failed"); }
                }
            });
        }
    }

    private async Task RespondAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var path = await ReadPathAsync(stream, timeout.Token);
        var (status, type, body) = path switch
        {
            null => (400, "text/plain; charset=utf-8", "bad request\n"),
            "/metrics" => (200, PrometheusText.ContentType, PrometheusText.Render(metrics)),
            "/healthz" => metrics.Running
                ? (200, "text/plain; charset=utf-8", "ok\n")
                : (503, "text/plain; charset=utf-8", "not running" + (metrics.Failure is { } f ? ": " + f : "") + "\n"),
            _ => (404, "text/plain; charset=utf-8", "try /metrics or /healthz\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token);
        await stream.WriteAsync(bytes, timeout.Token);
    }

    /// <summary>The path of a GET request (query left out), once its head has arrived; null for anything else.</summary>
    private static async Task<string?> ReadPathAsync(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), cancel);
            if (n == 0) break;
            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        var head = Encoding.ASCII.GetString(buffer, 0, length);
        var line = head[..Math.Max(0, head.IndexOf("\r\n", StringComparison.Ordinal))].Split(' ');
        if (line is not ["GET", var target, _]) return null;
        var query = target.IndexOf('?');
        return query < 0 ? target : target[..query];
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Service Unavailable",
    };

    public void Dispose()
    {
        // _stop is not disposed: responses still being written link their timeouts to it.
        _stop.Cancel();
        _listener.Stop();
    }
}
