using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Service.Sources;
using NetWatch.Service.Tests.TestSource;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary>The composition root as <c>run</c> builds it: a test-only source kind, configuration errors, empty files, replays after kill -9.</summary>
public sealed class CompositionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string WriteConfig(string text)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_source_kind_registered_in_a_test_runs_through_run_and_resumes_from_its_checkpoint()
    {
        var registry = SourceRegistry.Default.Add(new CountingSourceKind());
        var store = _dir.File("store");
        var config = ServiceConfigReader.Load(WriteConfig($"store: {store}\nonce: true\nschool: Test School\nsources:\n  - name: numbers\n    type: counting\n    count: 500\n"), registry);
        for (var run = 0; run < 2; run++)
            await new LiveService(config, new ServiceMetrics(), NullLogger.Instance) { Options = new IngestionOptions { Registry = registry } }
                .RunAsync(CancellationToken.None);
        Assert.Equal(500, StoreContents.Count(store, "SELECT count(DISTINCT id) FROM events WHERE event_dataset = 'counting.test'"));
        Assert.Equal(500, StoreContents.Count(store, "SELECT lines_read FROM checkpoints WHERE source = 'numbers' AND kind = 'counting'"));
    }

    [Theory]
    [InlineData("sources:\n  - name: a\n    path: {dir}/nothing-*.log\n", "no file matches")]
    [InlineData("enrich:\n  policy: {dir}/no-policy.yaml\nsources:\n  - name: a\n    path: {dir}/a.log\n    format: squid-native\n", "policy file")]
    [InlineData("enrich:\n  lists: [{repo}/data/lists/school-example]\n  semantic: true\n  safeguarding_examples: [{dir}/no-dsl-feedback.tsv]\nsources:\n  - name: a\n    path: {dir}/a.log\n    format: squid-native\n", "no-dsl-feedback.tsv")]
    public void A_bad_configuration_fails_with_exit_2_and_creates_no_store(string body, string problem)
    {
        var store = _dir.File("data/store");
        var config = WriteConfig($"store: {store}\napi:\n  port: 0\n" + body.Replace("{dir}", _dir.Path).Replace("{repo}", RepoFiles.Path()));
        using var service = ServiceProcess.Start("run", "--config", config);
        Assert.Equal(2, service.WaitForExit());
        Assert.Contains(problem, service.Stderr);
        Assert.False(Directory.Exists(_dir.File("data")), "a bad configuration created the store's directory");
    }

    [Fact]
    public void An_empty_followed_file_without_a_format_starts_and_its_format_is_detected_when_lines_arrive()
    {
        var log = _dir.File("access.log");
        File.WriteAllText(log, "");
        var http = Health.FreeTcpPort();
        var config = WriteConfig($"store: {_dir.File("store")}\napi:\n  port: {http}\nsources:\n  - name: proxy\n    path: {log}\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        Health.WaitFor(http, "netwatch_up", v => v > 0, service, TimeSpan.FromMinutes(2));
        File.AppendAllLines(log, File.ReadLines(RepoFiles.Path("samples", "logs", "squid-native.log")));
        Assert.Equal(479, Health.WaitFor(http, "netwatch_events_stored_total", v => v >= 479, service, TimeSpan.FromMinutes(2)));
        service.Terminate();
        Assert.Equal(0, service.WaitForExit());
        Assert.Contains("format squid-native detected", service.Stderr);
    }

    [Fact]
    public void Killed_mid_stream_and_restarted_the_service_stores_the_findings_and_visits_an_import_stores_each_once()
    {
        var log = _dir.File("access.log");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(SharedData.Root, "tools", "gen_squid_log.py"), "--seed", "3", "--lines", "40000" }) start.ArgumentList.Add(a);
        using (var gen = Process.Start(start)!)
        using (var file = File.Create(log)) { gen.StandardOutput.BaseStream.CopyTo(file); gen.WaitForExit(); }
        string A(string name) => RepoFiles.Path("samples", "attribution", name);
        var policy = RepoFiles.Path("policies", "000-local-authority.yaml");
        var config = WriteConfig($"store: {_dir.File("store")}\napi:\n  port: 0\n{OldLogs.KeepEverything}\nenrich:\n  findings_seconds: 1\n  policy: {policy}\n" +
            $"  attribution:\n    directory: {A("directory.csv")}\n    devices: {A("devices.csv")}\n    leases:\n      - {A("dhcpd.leases")}\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n");
        var random = new Random(13);
        for (var i = 0; i < 4; i++)
        {
            var port = Health.FreeTcpPort();
            using var service = ServiceProcess.Start(new Dictionary<string, string> { ["NETWATCH_api__port"] = port.ToString() }, ["run", "--config", config]);
            Health.WaitFor(port, "netwatch_events_stored_total", v => v > 0, service, TimeSpan.FromMinutes(3));
            Thread.Sleep(random.Next(0, 3000));
            service.Kill();
        }
        using (var last = ServiceProcess.Start("run", "--config", config, "--once"))
            Assert.True(last.WaitForExit() == 0, last.Stderr);

        var import = _dir.File("imported");
        using (var imported = ServiceProcess.Start("import", "--store", import, "--policy", policy, "--directory", A("directory.csv"),
                   "--devices", A("devices.csv"), "--leases", A("dhcpd.leases"), log))
            Assert.True(imported.WaitForExit() == 0, imported.Stderr);

        const string findings = "SELECT count(*) FROM events WHERE event_dataset = 'netwatch.finding'";
        const string distinctFindings = "SELECT count(DISTINCT (id, netwatch_finding)) FROM events WHERE event_dataset = 'netwatch.finding'";
        var stored = StoreContents.Count(_dir.File("store"), findings);
        Assert.True(stored > 0, "no findings");
        Assert.Equal(StoreContents.Count(import, findings), stored);
        Assert.Equal(stored, StoreContents.Count(_dir.File("store"), distinctFindings));
        const string each = "SELECT CAST(id AS VARCHAR) || ' ' || netwatch_finding FROM events WHERE event_dataset = 'netwatch.finding' ORDER BY 1";
        Assert.Equal(StoreContents.Texts(import, each), StoreContents.Texts(_dir.File("store"), each));

        const string visits = "SELECT count(*) FROM visits";
        Assert.Equal(StoreContents.Count(import, visits), StoreContents.Count(_dir.File("store"), visits));
        Assert.Equal(StoreContents.Count(_dir.File("store"), visits), StoreContents.Count(_dir.File("store"), "SELECT count(DISTINCT first_event_id) FROM visits"));
    }

    public void Dispose() => _dir.Dispose();
}
