using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetWatch.Api;
using NetWatch.Api.Hosting;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Storage;
using NetWatch.Tests.Shared;
using NetWatch.Web.Hosting;

namespace NetWatch.Web.Tests;

/// <summary>
/// The web app as a school runs it: the corpus's Squid and e2guardian logs and the sample school day imported by
/// <c>netwatch import</c> with the samples' attribution, the UT1 lists and seed policy 000 (school "Southover Academy"),
/// one account per role added by <c>netwatch users add</c>, then the API and the pages on one Kestrel host at
/// 127.0.0.1 over that store (built as <c>netwatch run</c> builds it: AddNetWatchApi + AddNetWatchWeb).
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    public const string School = "southover-academy";
    public const string Password = "correct horse battery staple";
    /// <summary>One account per role; "deputy" (deputy-dsl) reads the DSL's pages where "dsl"'s own audit trail is asserted on.</summary>
    public static readonly string[] Accounts = ["dsl", "deputy", "slt", "auditor", "ict"];

    private readonly TempDirectory _dir = new();
    private DuckDbStore? _store;
    private WebApplication? _app;

    public Uri Address { get; private set; } = null!;
    public DuckDbStore Store => _store!;
    public string StoreDirectory => _dir.Path;
    public string BrokenLog { get; private set; } = "";
    public NetWatch.Service.Alerts.AlertFeed Feed { get; } = new();
    public ApiOptions Options { get; private set; } = null!;
    public WebOptions Web { get; private set; } = null!;

    /// <summary>The memory the pages show, as a live service under <c>memory: 1GB</c> would read it (the service's own readings are tested in NetWatch.Service.Tests).</summary>
    public static readonly IReadOnlyList<NetWatch.Core.Diagnostics.MemoryReading> Memory =
    [
        new("resident", 812L << 20, 1L << 30),
        new("store", 230L << 20, 256L << 20),
        new("managed_heap", 420L << 20, 563L << 20),
        new("open_visits", 92L << 20, 184L << 20),
    ];

    public async Task InitializeAsync()
    {
        var a = RepoFiles.Path("samples", "attribution");
        Netwatch.RunOrThrow(null, "import", "--store", _dir.Path, "--school", "Southover Academy",
            "--directory", Path.Combine(a, "directory.csv"), "--devices", Path.Combine(a, "devices.csv"),
            "--leases", Path.Combine(a, "dhcpd.leases"), "--leases", Path.Combine(a, "logons-nxlog.json"),
            "--lists", RepoFiles.Path("data", "ut1"), "--lists", RepoFiles.Path("data", "lists", "school-example"),
            "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"),
            RepoFiles.Path("samples", "logs", "squid-custom.log"), RepoFiles.Path("samples", "logs", "e2guardian-fmt2-csv.log"),
            RepoFiles.Path("samples", "day", "squid-2026-11-24.log"));
        // A proxy log with two lines that are not Squid's: the ICT page must show them as dead letters with their reason.
        var broken = Path.Combine(_dir.Path, "..", Path.GetFileName(_dir.Path) + "-proxy-broken.log");
        await File.WriteAllLinesAsync(broken,
        [
            "1795386000.123    412 127.0.10.21 TCP_MISS/200 5120 GET http://www.bbc.co.uk/news p.jones HIER_DIRECT/127.0.0.5 text/html",
            "this line is not a squid access log line",
            "1795386xyz.000 12 127.0.10.21 TCP_MISS/200 10 GET http://example.com/ - HIER_NONE/- -",
        ]);
        BrokenLog = broken;
        // Read by the live service (run --once), which commits a checkpoint per source: the ICT page lists the source.
        var config = broken + ".yaml";
        await File.WriteAllTextAsync(config, $$"""
            store: {{_dir.Path}}
            school: Southover Academy
            api: { port: 0 }
            sources:
              - { name: proxy-broken, type: file, path: {{broken}}, format: squid-native }
            """);
        Netwatch.RunOrThrow(null, "run", "--config", config, "--once");
        File.Delete(config);
        Netwatch.RunOrThrow(Password + "\n", "users", "add", "dsl", "--role", "dsl", "--store", _dir.Path, "--password-stdin");
        Netwatch.RunOrThrow(Password + "\n", "users", "add", "deputy", "--role", "deputy-dsl", "--store", _dir.Path, "--password-stdin");
        Netwatch.RunOrThrow(Password + "\n", "users", "add", "slt", "--role", "slt", "--school", School, "--store", _dir.Path, "--password-stdin");
        Netwatch.RunOrThrow(Password + "\n", "users", "add", "auditor", "--role", "auditor", "--store", _dir.Path, "--password-stdin");
        Netwatch.RunOrThrow(Password + "\n", "users", "add", "ict", "--role", "ict-admin", "--store", _dir.Path, "--password-stdin");

        _store = DuckDbStore.Open(_dir.Path);
        var policy = PolicyParser.Parse(await File.ReadAllTextAsync(RepoFiles.Path("policies", "000-local-authority.yaml")), "000").Policy!;
        Options = new ApiOptions { Port = 0, PseudonymSecret = "web tests' pseudonym secret, 16+ characters", SignInsPerMinute = 1000 };
        Web = WebOptions.From(policy) with { Chromium = "/usr/bin/chromium", Memory = () => Memory };
        _app = await TestHost.StartAsync(_store, Options, Web, Feed);
        Address = ApiHost.Address(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _store?.Dispose();
        _dir.Dispose();
        File.Delete(BrokenLog);
    }
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebApp>, ICollectionFixture<Browser>
{
    public const string Name = "web app";
}
