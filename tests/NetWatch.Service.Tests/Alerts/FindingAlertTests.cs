using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// Findings raise alerts (issue 15 item 1): with the template policy's finding rules, the sample day's shared password
/// and unregistered hardware each raise one alert, notified once, and neither a SIGKILL and restart of
/// <c>netwatch run</c> nor an import of the same log into the same store raises them again.
/// </summary>
public sealed class FindingAlertTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string A(string name) => RepoFiles.Path("samples", "attribution", name);
    private static readonly string[] Leases = ["dhcpd.leases", "dhcpd-syslog.log", "DhcpSrvLog-Sun.log", "radacct-detail-20261122", "logons-nxlog.json"];

    [Fact]
    public void A_finding_in_a_log_raises_one_alert_once_across_a_kill_a_restart_and_a_reimport()
    {
        using var hook = new WebhookReceiver();
        var log = _dir.File("access.log");
        File.WriteAllText(log, "");
        var store = _dir.File("store");
        var policy = RepoFiles.Path("policies", "001-template.yaml");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\nschool: Test School\n{OldLogs.KeepEverything}\nenrich:\n  findings_seconds: 1\n  policy: {policy}\n" +
            $"  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"  attribution:\n    directory: {A("directory.csv")}\n    devices: {A("devices.csv")}\n    leases:\n" +
            string.Concat(Leases.Select(l => $"      - {A(l)}\n")) +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n" +
            $"alerts:\n  channels:\n    - {{ type: webhook, url: {hook.Url} }}\n");
        var port = Health.FreeTcpPort();
        var environment = new Dictionary<string, string> { ["NETWATCH_api__port"] = port.ToString() };

        using (var first = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            Health.WaitFor(port, "netwatch_up", v => v > 0, first, TimeSpan.FromMinutes(2));
            File.AppendAllLines(log, File.ReadLines(RepoFiles.Path("samples", "logs", "squid-native.log")));
            Health.WaitFor(port, "netwatch_events_stored_total", v => v >= 479, first, TimeSpan.FromMinutes(2));
            WaitForThemes(hook, first);
            first.Kill();
        }
        using (var second = ServiceProcess.Start(environment, ["run", "--config", config]))
        {
            Health.WaitFor(port, "netwatch_up", v => v > 0, second, TimeSpan.FromMinutes(2));
            // Flushes of the findings (every second) with nothing new read: the reference data alone shows the unregistered
            // hardware again, which is the stored finding, not a new one.
            Thread.Sleep(3000);
            // Then the same lines again (a rotated copy read twice), and more flushes.
            File.AppendAllLines(log, File.ReadLines(RepoFiles.Path("samples", "logs", "squid-native.log")));
            Health.WaitFor(port, "netwatch_lines_read_total", v => v >= 479, second, TimeSpan.FromMinutes(2));
            Thread.Sleep(3000);
            second.Terminate();
            Assert.Equal(0, second.WaitForExit());
        }
        using (var import = ServiceProcess.Start(["import", "--store", store, "--policy", policy, "--lists", RepoFiles.Path("data", "ut1"),
                   "--directory", A("directory.csv"), "--devices", A("devices.csv"), .. Leases.SelectMany(l => new[] { "--leases", A(l) }),
                   RepoFiles.Path("samples", "logs", "squid-native.log")]))
            Assert.True(import.WaitForExit() == 0, import.Stderr);

        // One notification per theme, as a receiver that honours the Idempotency-Key sees it: a kill right after the
        // webhook answered but before the service recorded the delivery sends it again after the restart, under the
        // same key (the outbox is at-least-once on the wire; the key is what makes it once for the receiver).
        Assert.Single(DeliveryKeys(hook, "shared-password"));
        Assert.Single(DeliveryKeys(hook, "unregistered-hardware"));
        foreach (var theme in new[] { "shared-password", "unregistered-hardware" })
        {
            Assert.Equal(1, StoreContents.Count(store, $"SELECT count(*) FROM alerts WHERE theme = '{theme}'"));
            Assert.Equal(1, StoreContents.Count(store, $"SELECT sum(\"count\") FROM alerts WHERE theme = '{theme}'"));
            Assert.Equal(1, StoreContents.Count(store, $"SELECT count(*) FROM alert_notifications n JOIN alerts a ON a.id = n.alert_id WHERE a.theme = '{theme}'"));
        }
        // The alert names who the finding is about, in the sources' school, citing the template's clause.
        var shared = hook.Received.Select(r => r.Body).Single(b => b.GetProperty("theme").GetString() == "shared-password");
        Assert.Equal("s.nowak", shared.GetProperty("subject").GetProperty("person").GetString());
        Assert.Equal("test-school", shared.GetProperty("school").GetString());
        var evidence = shared.GetProperty("evidence")[0];
        Assert.StartsWith("3.7, 3.8", evidence.GetProperty("clause").GetString());
        Assert.Contains("possible shared or stolen password", evidence.GetProperty("explanation").GetString());
    }

    private static List<string> DeliveryKeys(WebhookReceiver hook, string theme) =>
        hook.Received.Where(r => r.Body.GetProperty("theme").GetString() == theme).Select(r => r.Key).Distinct().ToList();

    private static List<string> Themes(WebhookReceiver hook) =>
        hook.Received.Select(r => r.Body.GetProperty("theme").GetString()!).ToList();

    private static void WaitForThemes(WebhookReceiver hook, ServiceProcess service)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < until && !(Themes(hook).Contains("shared-password") && Themes(hook).Contains("unregistered-hardware")))
            Thread.Sleep(100);
        Assert.True(Themes(hook).Contains("shared-password") && Themes(hook).Contains("unregistered-hardware"),
            $"received: {string.Join(", ", Themes(hook))}\n{service.Stderr}");
    }

    public void Dispose() => _dir.Dispose();
}
