using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NetWatch.Service.Metrics;

/// <summary>
/// Serves /metrics (Prometheus text) and /healthz on 127.0.0.1 with the BCL's HttpListener: two read-only
/// endpoints do not need a web framework (the web app of a later issue brings ASP.NET Core).
/// </summary>
public sealed class HealthServer(ServiceMetrics metrics, string bind, int port, ILogger logger) : IDisposable
{
    private readonly HttpListener _listener = new();

    public string Url => $"http://{(bind.Contains(':') ? $"[{bind}]" : bind)}:{port}/";

    public void Start()
    {
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            try { Respond(context); }
            catch (Exception ex) { logger.LogWarning(ex, "health request failed"); }
        }
    }

    private void Respond(HttpListenerContext context)
    {
        var (status, type, body) = context.Request.Url?.AbsolutePath switch
        {
            "/metrics" => (200, PrometheusText.ContentType, PrometheusText.Render(metrics)),
            "/healthz" => metrics.Running
                ? (200, "text/plain; charset=utf-8", "ok\n")
                : (503, "text/plain; charset=utf-8", "not running" + (metrics.Failure is { } f ? ": " + f : "") + "\n"),
            _ => (404, "text/plain; charset=utf-8", "try /metrics or /healthz\n"),
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = type;
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }
}
