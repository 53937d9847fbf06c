using System.Net;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests.Alerts;

/// <summary><c>netwatch run</c> killed (SIGKILL) after alerts are committed and before they could be delivered, then restarted.</summary>
public sealed class AlertCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Alerts_committed_before_a_kill_are_delivered_exactly_once_after_the_restart()
    {
        using var sink = new SmtpSink(start: false);                                   // SMTP down while the first run lives
        using var hook = new WebhookReceiver { Status = HttpStatusCode.ServiceUnavailable };
        var log = _dir.File("access.log");
        File.WriteAllText(log, "");
        var store = _dir.File("store");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\nschool: Test School\nenrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n" +
            $"alerts:\n  retry: {{ first_seconds: 1, max_seconds: 2 }}\n  channels:\n" +
            $"    - {{ type: email, host: 127.0.0.1, port: {sink.Port}, from: netwatch@school.example, to: [dsl@school.example] }}\n" +
            $"    - {{ type: webhook, url: {hook.Url} }}\n");

        var port = Health.FreeTcpPort();
        var environment = new Dictionary<string, string> { ["NETWATCH_api__port"] = port.ToString() };
        using (var first = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            Health.WaitFor(port, "netwatch_up", v => v > 0, first, TimeSpan.FromMinutes(2));
            File.AppendAllLines(log, File.ReadLines(RepoFiles.Path("samples", "logs", "squid-native.log")));
            Health.WaitFor(port, "netwatch_events_stored_total", v => v >= 479, first, TimeSpan.FromMinutes(2));
            // Every committed notification has been tried on the webhook (and failed): committed, not delivered.
            var until = DateTime.UtcNow.AddMinutes(1);
            while (hook.Attempts < 10 && DateTime.UtcNow < until) Thread.Sleep(100);
            Assert.True(hook.Attempts >= 10, $"the webhook saw {hook.Attempts} attempts\n{first.Stderr}");
            first.Kill();
        }
        Assert.Empty(sink.Messages());
        Assert.Empty(hook.Received);

        sink.Start();
        hook.Status = HttpStatusCode.OK;
        var notifications = (int)StoreContents.Count(store, "SELECT count(*) FROM alert_notifications");
        Assert.True(notifications >= 10, $"{notifications} notifications");
        using (var second = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            sink.WaitFor(notifications, TimeSpan.FromMinutes(1));
            var until = DateTime.UtcNow.AddMinutes(1);
            while (hook.Received.Count < notifications && DateTime.UtcNow < until) Thread.Sleep(100);
            Thread.Sleep(2000); // anything sent twice would arrive now
            second.Terminate();
            Assert.Equal(0, second.WaitForExit());
        }
        var mails = sink.Messages();
        Assert.Equal(notifications, mails.Count);
        Assert.Equal(notifications, mails.Select(m => m.Header("Message-ID")).Distinct().Count());
        Assert.Equal(notifications, hook.Received.Count);
        Assert.Equal(notifications, hook.Received.Select(r => r.Key).Distinct().Count());
        Assert.Equal(0, StoreContents.Count(store, "SELECT count(*) FROM alert_deliveries WHERE delivered_at IS NULL"));
    }

    public void Dispose() => _dir.Dispose();
}
