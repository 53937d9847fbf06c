using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>
/// The CLI's reading verbs while <c>netwatch run</c> holds the store: they read through the service's API (found from
/// the store directory) and print what they print from the store file once the service has stopped.
/// </summary>
public sealed class ReadingWhileRunningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static string Run(params string[] args)
    {
        using var process = ServiceProcess.Start(args);
        var code = process.WaitForExit();
        Assert.True(code == 0, $"netwatch {string.Join(' ', args)} exited {code}: {process.Stderr}");
        return process.Stdout;
    }

    [Fact]
    public void Summary_export_visits_dead_letters_and_explain_print_the_same_through_the_running_service_as_from_the_store_file()
    {
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var store = _dir.File("store");
        var port = Health.FreeTcpPort();
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\napi:\n  port: {port}\nenrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"  policy: {RepoFiles.Path("policies", "000-local-authority.yaml")}\nsources:\n  - name: proxy\n    path: {log}\n");
        string[][] verbs =
        [
            ["summary", "--store", store],
            ["export", "--store", store],
            ["export", "--store", store, "--format", "csv", "--from", "2026-01-01"],
            ["visits", "--store", store, "--policy", RepoFiles.Path("policies", "000-local-authority.yaml")],
            ["dead-letters", "--store", store],
        ];
        Dictionary<int, string> whileRunning = [];
        string explainRunning;
        using (var service = ServiceProcess.Start("run", "--config", config))
        {
            Assert.Equal(479, Health.WaitFor(port, "netwatch_events_stored_total", v => v >= 479, service, TimeSpan.FromMinutes(2)));
            Assert.True(File.Exists(Path.Combine(store, ServiceFile.FileName)), service.Stderr);
            for (var i = 0; i < verbs.Length; i++) whileRunning[i] = Run(verbs[i]);
            var id = System.Text.Json.JsonDocument.Parse(whileRunning[1].Split('\n')[0]).RootElement.GetProperty("event").GetProperty("id").GetString()!;
            explainRunning = Run("explain", "--store", store, "--event", id, "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"));
            Assert.Matches(@"proxy\s+file\s+", Run("status", "--store", store)); // the service's /metrics, while it holds the store
            service.Terminate();
            Assert.Equal(0, service.WaitForExit());
        }
        Assert.False(File.Exists(Path.Combine(store, ServiceFile.FileName)), "the service left its service.json behind");

        Assert.Contains("events: 479", whileRunning[0]);
        Assert.Equal(479, whileRunning[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        for (var i = 0; i < verbs.Length; i++) Assert.Equal(Run(verbs[i]), whileRunning[i]);
        var firstId = System.Text.Json.JsonDocument.Parse(whileRunning[1].Split('\n')[0]).RootElement.GetProperty("event").GetProperty("id").GetString()!;
        Assert.Equal(Run("explain", "--store", store, "--event", firstId, "--policy", RepoFiles.Path("policies", "000-local-authority.yaml")), explainRunning);

        // The reads through the service are in its audit log under the OS user, as the direct reads are.
        var user = "os:" + Environment.UserName;
        Assert.True(StoreContents.Count(store, $"SELECT count(*) FROM audit_log WHERE actor = '{user}' AND action = 'events.export'") >= 2);
        Assert.True(StoreContents.Count(store, $"SELECT count(*) FROM audit_log WHERE actor = '{user}' AND action = 'cli.export'") >= 2);

        // A service.json left by a killed service does not mislead: the store is not held, so its file is read.
        File.WriteAllText(Path.Combine(store, ServiceFile.FileName), $"{{\"url\":\"http://127.0.0.1:{Health.FreeTcpPort()}\",\"token\":\"nwl_x\",\"pid\":1}}");
        Assert.Equal(whileRunning[0], Run(verbs[0]));
    }

    public void Dispose() => _dir.Dispose();
}
