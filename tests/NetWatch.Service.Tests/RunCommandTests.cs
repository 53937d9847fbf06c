using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

/// <summary><c>netwatch run</c> and <c>netwatch status</c> as a technician uses them.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_bad_config_stops_run_before_it_starts_with_exit_2_and_the_file_and_line()
    {
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, "store: s\nsources:\n  - name: a\n    type: syslog-tcp\n    port: nope\n    format: squid-native\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        Assert.Equal(2, service.WaitForExit());
        Assert.Contains($"{config}:5: 'nope' is not a whole number", service.Stderr);
    }

    [Fact]
    public void Once_replays_the_shipped_samples_and_status_reads_the_store()
    {
        // The embedded default reads samples/logs relative to the working directory, as ./run.sh does.
        var work = Directory.CreateDirectory(_dir.File("work")).FullName;
        Directory.CreateDirectory(Path.Combine(work, "samples"));
        CopyDirectory(RepoFiles.Path("samples", "logs"), Path.Combine(work, "samples", "logs"));
        using var service = ServiceProcess.StartIn(work, "run", "--once");
        Assert.True(service.WaitForExit() == 0, service.Stderr);

        using var status = ServiceProcess.StartIn(work, "status", "--store", "data/store");
        Assert.Equal(0, status.WaitForExit());
        var lines = Directory.GetFiles(Path.Combine(work, "samples", "logs"), "*.log").Sum(f => File.ReadLines(f).Count());
        Assert.Contains("samples:squid-native.log", status.Stdout);
        Assert.Equal(lines, StoreContents.Count(Path.Combine(work, "data", "store"), "SELECT sum(lines_read) FROM checkpoints"));

        // A second replay finds every position at the end: nothing is read twice.
        using var again = ServiceProcess.StartIn(work, "run", "--once");
        Assert.True(again.WaitForExit() == 0, again.Stderr);
        Assert.Equal(lines, StoreContents.Count(Path.Combine(work, "data", "store"), "SELECT sum(lines_read) FROM checkpoints"));
    }

    [Fact]
    public void Metrics_healthz_and_status_url_report_a_running_service()
    {
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var http = Health.FreeTcpPort();
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {_dir.File("store")}\napi:\n  port: {http}\nsources:\n  - name: proxy\n    path: {log}\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        var lines = File.ReadLines(log).Count();
        Assert.Equal(lines, Health.WaitFor(http, "netwatch_lines_read_total", v => v >= lines, service, TimeSpan.FromMinutes(2)));

        var metrics = Health.Metrics(http)!;
        Assert.Contains("netwatch_source_lag_bytes{source=\"proxy\",kind=\"file\"} 0", metrics);
        Assert.Contains("netwatch_dead_letters_total{source=\"proxy\",kind=\"file\",reason=\"no-request\"} 2", metrics);
        Assert.Contains("# TYPE netwatch_batch_latency_seconds histogram", metrics);
        using (var client = new HttpClient())
            Assert.Equal("ok\n", client.GetStringAsync($"http://127.0.0.1:{http}/healthz").Result);

        using var status = ServiceProcess.Start("status", "--url", $"http://127.0.0.1:{http}");
        Assert.Equal(0, status.WaitForExit());
        Assert.Contains("service: running", status.Stdout);
        Assert.Matches(@"proxy\s+file\s+" + lines, status.Stdout);

        service.Terminate();
        Assert.Equal(0, service.WaitForExit());
    }

    [Fact]
    public async Task The_running_service_answers_the_API_from_the_store_its_pipeline_writes()
    {
        // An account and its token, made before the service holds the store.
        var store = _dir.File("store");
        string token;
        using (var opened = Storage.DuckDbStore.Open(store))
        {
            var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
            await opened.Accounts.AddAsync(new Storage.Contracts.Accounts.Account
            {
                Name = "dsl", Role = Storage.Contracts.Accounts.AccountRole.Dsl, PasswordHash = "-", CreatedAt = now,
            }, default);
            var (text, stored) = Api.Auth.TokenMaker.Create("dsl", now);
            await opened.Accounts.AddTokenAsync(stored, default);
            token = text;
        }
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var port = Health.FreeTcpPort();
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\napi:\n  port: {port}\nsources:\n  - name: proxy\n    path: {log}\n");
        using var service = ServiceProcess.Start("run", "--config", config);
        Assert.Equal(479, Health.WaitFor(port, "netwatch_events_stored_total", v => v >= 479, service, TimeSpan.FromMinutes(2)));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        using (var anonymous = await client.GetAsync("/api/events"))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var page = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/events?page_size=1000"));
        Assert.Equal(479, page.RootElement.GetProperty("events").GetArrayLength());

        service.Terminate();
        Assert.Equal(0, service.WaitForExit());
        // The read is in the audit log, written through the same opened store.
        Assert.Equal(1, StoreContents.Count(store, "SELECT count(*) FROM audit_log WHERE action = 'events.search' AND actor = 'dsl'"));
    }

    /// <summary>`run --once` over the sample Squid log with this enrich section; returns the store.</summary>
    private string RunOnceWith(string enrich)
    {
        var (config, store, _) = SampleSquidConfig(httpPort: 0, enrich);
        using var service = ServiceProcess.Start("run", "--config", config, "--once");
        Assert.True(service.WaitForExit() == 0, service.Stderr);
        return store;
    }

    [Fact]
    public void Run_enriches_with_the_configured_lists_as_import_does()
    {
        var store = RunOnceWith($"  lists:\n    - {RepoFiles.Path("data", "ut1")}\n    - {RepoFiles.Path("data", "lists", "school-example")}\n");
        Assert.Equal(1, StoreContents.Count(store,
            "SELECT count(DISTINCT url_original) FROM events WHERE url_original = 'http://www.bet365.com/' AND list_contains(netwatch_categories, 'gambling')"));
    }

    /// <summary>A config reading a copy of the sample Squid log, with the given enrich section (its lines under enrich:).</summary>
    private (string Config, string Store, string Log) SampleSquidConfig(int httpPort, string enrich)
    {
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var store = _dir.File("store");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\napi:\n  port: {httpPort}\nenrich:\n{enrich}sources:\n  - name: proxy\n    path: {log}\n");
        return (config, store, log);
    }

    /// <summary>The enrich.attribution section (under enrich:) naming the sample reference files.</summary>
    private static string SampleAttribution()
    {
        string A(string name) => RepoFiles.Path("samples", "attribution", name);
        return $"  attribution:\n    directory: {A("directory.csv")}\n    devices: {A("devices.csv")}\n" +
            $"    leases:\n      - {A("dhcpd.leases")}\n      - {A("logons-nxlog.json")}\n";
    }

    [Fact]
    public void Run_attributes_with_the_configured_reference_files_as_import_does()
    {
        var store = RunOnceWith(SampleAttribution());
        // The pupil typing a teacher's password on her own laptop is attributed to herself, as import does.
        Assert.Equal(3, StoreContents.Count(store,
            "SELECT count(*) FROM events WHERE source_user_name = 'a.patel' AND user_name = 's.nowak' AND netwatch_attribution_source = 'logon'"));
        Assert.Equal(0, StoreContents.Count(store, "SELECT count(*) FROM events WHERE netwatch_attribution_source IS NULL AND event_dataset <> 'netwatch.finding'"));
    }

    [Fact]
    public void Findings_are_stored_while_the_service_runs_and_survive_a_kill()
    {
        var http = Health.FreeTcpPort();
        var (config, store, log) = SampleSquidConfig(http, $"  findings_seconds: 1\n{SampleAttribution()}");
        using var service = ServiceProcess.Start("run", "--config", config);
        var lines = File.ReadLines(log).Count();
        Assert.Equal(lines, Health.WaitFor(http, "netwatch_lines_read_total", v => v >= lines, service, TimeSpan.FromMinutes(2)));
        // Two stores of the findings after every line is in: the second holds them all, as they stand.
        var first = Health.WaitFor(http, "netwatch_findings_written_total", v => v > 0, service, TimeSpan.FromMinutes(1));
        Assert.True(first > 0, service.Stderr);
        Health.WaitFor(http, "netwatch_findings_written_total", v => v > first, service, TimeSpan.FromMinutes(1));
        service.Kill();
        service.WaitForExit();

        Assert.Equal(3, StoreContents.Count(store,
            "SELECT max(CAST(json_extract(netwatch_finding, '$.event_count') AS BIGINT)) FROM events WHERE event_action = 'shared-password'"));
        Assert.Equal(1, StoreContents.Count(store, "SELECT count(*) FROM events WHERE event_action = 'shared-password'"));
    }

    [Fact]
    public void A_w3c_log_resumed_mid_file_keeps_its_fields_header()
    {
        // IIS writes its directives once per start of the server; lines appended later depend on the #Fields: above.
        var log = _dir.File("u_ex261123.log");
        var sample = File.ReadAllLines(RepoFiles.Path("samples", "formats", "w3c-iis.log"));
        var firstRestart = Array.FindIndex(sample, 2, l => l.StartsWith("#Software")); // the server's second start
        File.WriteAllLines(log, sample[..firstRestart]);
        var store = _dir.File("store");
        var config = _dir.File("netwatch.yaml");
        File.WriteAllText(config, $"store: {store}\napi:\n  port: 0\nsources:\n  - name: iis\n    path: {log}\n    format: w3c\n");
        using (var first = ServiceProcess.Start("run", "--config", config, "--once"))
            Assert.True(first.WaitForExit() == 0, first.Stderr);
        var before = StoreContents.Count(store, "SELECT count(*) FROM events");

        var dataLines = sample[..firstRestart].Where(l => !l.StartsWith('#')).Select(l => l.Replace("09:15:0", "10:15:0")).ToArray();
        Assert.Equal(4, dataLines.Length);
        File.AppendAllLines(log, dataLines);
        using (var second = ServiceProcess.Start("run", "--config", config, "--once"))
            Assert.True(second.WaitForExit() == 0, second.Stderr);

        Assert.Equal(before + dataLines.Length, StoreContents.Count(store, "SELECT count(*) FROM events"));
        Assert.Equal(0, StoreContents.Count(store, "SELECT count(*) FROM dead_letters"));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public void Dispose() => _dir.Dispose();
}
