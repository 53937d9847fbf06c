using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>A real HTTP endpoint on 127.0.0.1 receiving webhooks: keeps each request's Idempotency-Key and JSON body; answers 200 (or <see cref="Status"/>).</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public int Port { get; } = Health.FreeTcpPort();
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public ConcurrentQueue<(string Key, JsonElement Body)> Received { get; } = new();
    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;
    /// <summary>Every request, answered 200 or not.</summary>
    public int Attempts => _attempts;
    private int _attempts;

    public WebhookReceiver()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                Interlocked.Increment(ref _attempts);
                var body = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                if (Status == HttpStatusCode.OK) Received.Enqueue((context.Request.Headers["Idempotency-Key"] ?? "", body));
            }
            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
