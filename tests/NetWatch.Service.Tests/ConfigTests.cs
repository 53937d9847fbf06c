using NetWatch.Core.Events;
using NetWatch.Service.Config;
using NetWatch.Service.Sources.File;
using NetWatch.Service.Sources.Syslog;
using NetWatch.Tests.Shared;

namespace NetWatch.Service.Tests;

public sealed class ConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private ConfigException Fails(string yaml)
    {
        var path = _dir.File("bad.yaml");
        File.WriteAllText(path, yaml);
        return Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
    }

    [Theory]
    [InlineData("store: s\nsources:\n  - name: a\n    type: syslog-tcp\n    port: 70000\n    format: squid-native\n", 5, "'70000' is not a whole number from 0 to 65535")]
    [InlineData("store: s\nsources:\n  - name: a\n    path: x.log\n    format: squid-nativ\n", 5, "format 'squid-nativ' is not known")]
    [InlineData("store: s\nsources:\n  - name: a\n    type: ftp\n", 4, "type 'ftp' is not one of")]
    [InlineData("store: s\nsorces:\n  - name: a\n", 2, "unknown setting 'sorces'")]
    [InlineData("store: s\nsources:\n  - name: a\n    path: x\n  - name: a\n    path: y\n", 5, "two sources are named 'a'")]
    [InlineData("store: s\nsources:\n  - name: a\n    type: syslog-udp\n    port: 514\n", 3, "needs rules")]
    [InlineData("store: s\nsources: [\n", 3, "not valid YAML/JSON")]
    [InlineData("store: s\napi:\n  bind: localhost\nsources:\n  - name: a\n    path: x\n", 3, "'localhost' is not an IP address")]
    [InlineData("store: s\napi:\n  port: 80808\nsources:\n  - name: a\n    path: x\n", 3, "'80808' is not a whole number from 0 to 65535")]
    [InlineData("store: s\napi:\n  pseudonym_secret: short\nsources:\n  - name: a\n    path: x\n", 3, "at least 16 characters")]
    [InlineData("store: s\napi:\n  certificate: /nonexistent/api.pem\nsources:\n  - name: a\n    path: x\n", 3, "'/nonexistent/api.pem' does not exist")]
    [InlineData("store: s\napi:\n  metrics_from_any_address: perhaps\nsources:\n  - name: a\n    path: x\n", 3, "'perhaps' is not true or false")]
    [InlineData("store: s\napi:\n  max_failed_sign_ins: 0\nsources:\n  - name: a\n    path: x\n", 3, "'0' is not a whole number from 1 to 100")]
    [InlineData("store: s\napi:\n  prot: 5080\nsources:\n  - name: a\n    path: x\n", 3, "unknown setting 'api.prot'")]
    [InlineData("store: s\nhttp:\n  port: 9108\nsources:\n  - name: a\n    path: x\n", 2, "'http' is now 'api'")]
    [InlineData("enrich:\n  attribution:\n    directory: /nonexistent/people.csv\nstore: s\nsources:\n  - name: a\n    path: x.log\n", 3, "attribution file '/nonexistent/people.csv' does not exist")]
    [InlineData("enrich:\n  attribution:\n    leases:\n      - /nonexistent/dhcpd.leases\nstore: s\nsources:\n  - name: a\n    path: x.log\n", 4, "attribution file '/nonexistent/dhcpd.leases' does not exist")]
    [InlineData("enrich:\n  attribution:\n    wired_networks:\n      - 10.0.0.0/16\nstore: s\nsources:\n  - name: a\n    path: x.log\n", 3, "wired networks need lease feeds")]
    [InlineData("enrich:\n  attribution:\n    reload_seconds: 0\nstore: s\nsources:\n  - name: a\n    path: x.log\n", 3, "'0' is not a whole number from 1 to 86400")]
    [InlineData("enrich:\n  attribution:\n    devicez: x.csv\nstore: s\nsources:\n  - name: a\n    path: x.log\n", 3, "unknown setting 'enrich.attribution.devicez'")]
    [InlineData("store: s\nmemory: lots\nsources:\n  - name: a\n    path: x.log\n", 2, "'lots' is not a size such as 1GB or 800MB")]
    [InlineData("store: s\nmemory: 64MB\nsources:\n  - name: a\n    path: x.log\n", 2, "less than the least memory NetWatch can work in (256MB)")]
    [InlineData("store: s\nenrich:\n  semantic: true\nsources:\n  - name: a\n    path: x.log\n", 3, "it needs enrich.lists")]
    [InlineData("store: s\nenrich:\n  lists: [data/ut1]\n  semantic: perhaps\nsources:\n  - name: a\n    path: x.log\n", 4, "'perhaps' is not true or false")]
    [InlineData("store: s\ncheckpoints:\n  wal_mb: 0\n  side_file: true\nsources:\n  - name: a\n    path: x.log\n", 3, "'0' is not a whole number from 1 to 65536")]
    [InlineData("store: s\ncheckpoints:\n  side_fil: true\nsources:\n  - name: a\n    path: x.log\n", 3, "unknown setting 'checkpoints.side_fil'")]
    public void A_bad_file_fails_naming_the_file_the_line_and_the_problem(string yaml, int line, string problem)
    {
        var error = Fails(yaml);
        Assert.Equal($"{_dir.File("bad.yaml")}:{line}", error.Where);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Attribution_files_subnets_and_reload_interval_are_read()
    {
        var leases = _dir.File("dhcpd.leases");
        File.WriteAllText(leases, "");
        var path = _dir.File("ok.yaml");
        File.WriteAllText(path, $"store: s\nenrich:\n  attribution:\n    leases:\n      - {leases}\n    wired_networks:\n      - 10.20.0.0/16\n" +
            "    reload_seconds: 15\nsources:\n  - name: a\n    path: x.log\n");
        var config = ServiceConfigReader.Load(path);
        Assert.Equal([leases], config.Attribution!.Leases);
        Assert.Equal("10.20.0.0/16", Assert.Single(config.Attribution.WiredNetworks).ToString());
        Assert.Equal(NodaTime.Duration.FromSeconds(15), config.AttributionReload);
        Assert.Null(ServiceConfigReader.LoadDefault().Attribution);
    }

    [Fact]
    public void The_side_file_is_on_unless_turned_off_and_checkpoints_at_256_MB_of_WAL_unless_told()
    {
        var path = _dir.File("ok.yaml");
        File.WriteAllText(path, "store: s\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Equal(256L << 20, ServiceConfigReader.Load(path).SideFileWal);
        File.WriteAllText(path, "store: s\ncheckpoints: { side_file: true }\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Equal(256L << 20, ServiceConfigReader.Load(path).SideFileWal);
        File.WriteAllText(path, "store: s\ncheckpoints: { wal_mb: 64 }\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Equal(64L << 20, ServiceConfigReader.Load(path).SideFileWal);
        File.WriteAllText(path, "store: s\ncheckpoints: { side_file: false }\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Null(ServiceConfigReader.Load(path).SideFileWal);
        File.WriteAllText(path, "store: s\ncheckpoints: { side_file: false, wal_mb: 64 }\nsources:\n  - name: a\n    path: x.log\n");
        Assert.Null(ServiceConfigReader.Load(path).SideFileWal);
        Assert.Equal(256L << 20, ServiceConfigReader.LoadDefault().SideFileWal);
    }

    [Fact]
    public void A_memory_budget_bounds_the_store_and_the_batches_joined_per_write()
    {
        var path = _dir.File("ok.yaml");
        File.WriteAllText(path, "store: s\nmemory: 1GB\nsources:\n  - name: a\n    path: x.log\n");
        var memory = ServiceConfigReader.Load(path).Memory!;
        Assert.Equal(1L << 30, memory.Bytes);
        Assert.Equal((1L << 30) * 30 / 100, memory.StoreBytes);
        // 15% of the budget for the three batches in flight, at 2 KB an event.
        Assert.Equal(26_214, memory.MaxEventsPerWrite);
        Assert.Equal(26_214, memory.Apply(new NetWatch.Pipeline.PipelineOptions()).MaxEventsPerWrite);
        Assert.Null(ServiceConfigReader.LoadDefault().Memory);
    }

    [Fact]
    public void The_semantic_layer_and_the_dsl_feedback_examples_are_read()
    {
        var path = _dir.File("semantic.yaml");
        File.WriteAllText(path, "store: s\nenrich:\n  lists: [data/ut1]\n  semantic: true\n  safeguarding_examples:\n    - dsl.tsv\n    - more.tsv\n" +
            "sources:\n  - name: a\n    path: x.log\n");
        var config = ServiceConfigReader.Load(path);
        Assert.True(config.Semantic);
        Assert.Equal(["dsl.tsv", "more.tsv"], config.SafeguardingExamples);
        Assert.False(ServiceConfigReader.LoadDefault().Semantic);
    }

    [Fact]
    public void Json_is_read_too_and_environment_variables_override_the_file()
    {
        var path = _dir.File("netwatch.json");
        File.WriteAllText(path, """{ "store": "s", "sources": [ { "name": "fw", "type": "syslog-udp", "port": 5514, "rules": [ { "host": "fw*", "app": "squid", "format": "squid-native" } ] } ] }""");
        Environment.SetEnvironmentVariable("NETWATCH_sources__0__port", "6514");
        try
        {
            var config = ServiceConfigReader.Load(path);
            var source = Assert.IsType<SyslogSettings>(Assert.Single(config.Sources));
            Assert.Equal(("syslog-udp", 6514, "127.0.0.1"), (source.Type, source.Port, source.Bind));
            Assert.Equal(new SyslogRuleSettings("fw*", "squid", "squid-native"), Assert.Single(source.Rules));
            Assert.Equal(("127.0.0.1", 5080), (config.Api.Bind, config.Api.Port));

            Environment.SetEnvironmentVariable("NETWATCH_sources__0__port", "x");
            var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
            Assert.Equal("environment variable NETWATCH_sources__0__port", error.Where);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NETWATCH_sources__0__port", null);
        }
    }

    [Fact]
    public void The_embedded_default_replays_the_samples_into_data_store()
    {
        var config = ServiceConfigReader.LoadDefault();
        Assert.Equal("data/store", config.Store);
        Assert.Equal("samples/logs/*.log", Assert.IsType<FileSourceSettings>(Assert.Single(config.Sources)).Path);
    }

    [Fact]
    public void A_top_level_school_applies_to_every_source_and_a_source_school_wins_for_a_trust()
    {
        var path = _dir.File("trust.yaml");
        File.WriteAllText(path, "store: s\nschool: { id: urn-100001, name: Southover Academy }\nsources:\n" +
            "  - name: a\n    path: a.log\n  - name: b\n    path: b.log\n    school:\n      name: St Mary's C of E\n");
        var config = ServiceConfigReader.Load(path);
        Assert.Equal(new Organization { Id = "urn-100001", Name = "Southover Academy" }, config.Sources[0].School);
        Assert.Equal(new Organization { Id = "st-mary-s-c-of-e", Name = "St Mary's C of E" }, config.Sources[1].School);
    }

    [Fact]
    public void A_setting_a_source_kind_does_not_read_is_unknown()
    {
        var path = _dir.File("bad.yaml");
        File.WriteAllText(path, "store: s\nsources:\n  - name: a\n    path: a.log\n    port: 514\n");
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:5", error.Where);
        Assert.Contains("unknown setting 'sources.0.port'", error.Problem);
    }

    [Fact]
    public void The_api_section_sets_where_and_how_the_API_is_served_and_each_source_school_sees_its_dead_letters()
    {
        var path = _dir.File("api.yaml");
        File.WriteAllText(path, "store: s\napi:\n  bind: 0.0.0.0\n  port: 8443\n  pseudonym_secret: a secret of sixteen+ chars\n" +
            "  metrics_from_any_address: true\n  max_failed_sign_ins: 3\n  lockout_minutes: 30\n  session_idle_minutes: 60\n" +
            "sources:\n  - name: a\n    path: a.log\n    school: { id: urn-1 }\n  - name: b\n    path: b.log\n");
        var api = ServiceConfigReader.Load(path).Api;
        Assert.Equal(("0.0.0.0", 8443, "a secret of sixteen+ chars", true, 3), (api.Bind, api.Port, api.PseudonymSecret, api.MetricsFromAnyAddress, api.MaxFailedSignIns));
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60)), (api.Lockout, api.SessionIdle));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "urn-1" }, api.SourceSchools);
    }

    [Fact]
    public void Without_a_configured_secret_the_service_keeps_one_in_the_store_that_stays_the_same()
    {
        var config = ServiceConfigReader.LoadDefault();
        Assert.Equal("", config.Api.PseudonymSecret);
        var store = _dir.File("store");
        var first = ApiConfigReader.WithSecret(config.Api, store).PseudonymSecret;
        Assert.True(first.Length >= 32, first);
        Assert.Equal(first, ApiConfigReader.WithSecret(config.Api, store).PseudonymSecret);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ApiConfigReader.PseudonymSecretFile(store)));
        Assert.NotEqual(first, ApiConfigReader.WithSecret(config.Api, _dir.File("other")).PseudonymSecret);
        Assert.Equal("a configured secret!", ApiConfigReader.WithSecret(config.Api with { PseudonymSecret = "a configured secret!" }, store).PseudonymSecret);
    }

    public void Dispose() => _dir.Dispose();
}
