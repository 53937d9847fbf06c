using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NetWatch.Service.Tests;

/// <summary>Reads a running service's /metrics, and finds free loopback ports for it.</summary>
internal static class Health
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public static string? Metrics(int port)
    {
        try { return Http.GetStringAsync($"http://127.0.0.1:{port}/metrics").GetAwaiter().GetResult(); }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) { return null; }
    }

    /// <summary>The sum of a metric's samples (whatever their labels), or null when the service does not answer.</summary>
    public static double? Sum(int port, string name)
    {
        if (Metrics(port) is not { } text) return null;
        return text.Split('\n')
            .Where(l => l.StartsWith(name.Contains('{') ? name : name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Polls until <paramref name="done"/> holds for the metric's sum, the process exits, or the bound runs out.</summary>
    public static double? WaitFor(int port, string name, Func<double, bool> done, ServiceProcess process, TimeSpan bound)
    {
        var until = DateTime.UtcNow + bound;
        double? value = null;
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            value = Sum(port, name);
            if (value is { } v && done(v)) return v;
            Thread.Sleep(100);
        }
        // A service that stopped before the metric got there failed for a reason of its own: say it, rather than
        // leave the caller's assertion to report a bare null.
        if (process.HasExited)
            throw new Xunit.Sdk.XunitException($"the service exited before {name} was reached (last value {value?.ToString(CultureInfo.InvariantCulture) ?? "none"}); its stderr:\n{process.Stderr}");
        return value;
    }
}
