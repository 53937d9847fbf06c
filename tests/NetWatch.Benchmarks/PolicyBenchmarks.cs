using BenchmarkDotNet.Attributes;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.Urls;
using NodaTime;

namespace NetWatch.Benchmarks;

/// <summary>
/// Cost of judging one event against a seed policy (the issue asks for ≤ 100 ns on average).
/// 4,096 events mixing categories (0-4 each), roles (or none), safeguarding themes and allow-listed hosts,
/// at instants spread over a term fortnight, term weekends and holidays (deterministic seed).
/// dotnet run -c Release --project tests/NetWatch.Benchmarks -- --job short --filter '*Policy*'
/// </summary>
[MemoryDiagnoser]
public class PolicyBenchmarks
{
    const int N = 4096;

    [Params("000-local-authority", "001-template", "004-droitwich")]
    public string Policy { get; set; } = "";

    PolicyEngine _engine = null!;
    NetEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = FindPolicy(Policy);
        var result = PolicyParser.Parse(File.ReadAllText(path), path);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Errors));
        _engine = new PolicyEngine(result.Policy!);
        _events = MakeEvents(new Random(20261124));
    }

    /// <summary>Only reads what Decide reads (timestamp, roles, categories, host): the cost of walking the events.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public long ReadEvents()
    {
        var events = _events;
        long sum = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var e = events[i];
            sum += e.Timestamp.ToUnixTimeTicks() + (e.Attribution?.Roles.Count ?? 0) + (e.Classification?.Categories.Count ?? 0) + e.Url.Domain!.Length;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = N)]
    public int Decide()
    {
        var engine = _engine;
        var events = _events;
        var sum = 0;
        for (var i = 0; i < events.Length; i++) sum += engine.Decide(events[i]).Verdict.Length;
        return sum;
    }

    /// <summary>Decide plus the <c>with</c> copy of the event that <see cref="IEventEnricher.Enrich"/> makes.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public int Enrich()
    {
        var engine = _engine;
        var events = _events;
        var sum = 0;
        for (var i = 0; i < events.Length; i++) sum += engine.Enrich(events[i]).Policy!.Verdict.Length;
        return sum;
    }

    static readonly string[] Categories =
        ["social_networks", "webmail", "shopping", "audio-video", "sports", "press", "games", "chat", "dating", "gambling",
         "adult", "agressif", "drogue", "hacking", "vpn", "redirector", "malware", "phishing", "dangerous_material", "education"];
    static readonly string?[] Roles = ["staff", "staff", "staff", "pupil", "pupil", "support-staff", "staff-part-time", "governor", null];
    static readonly string[] Hosts =
        ["www.facebook.com", "mail.google.com", "www.bbc.co.uk", "classroom.google.com", "www.khanacademy.org", "ttrockstars.com",
         "www.google.co.uk", "cdn.example.net", "docs.google.com", "www.bet365.com"];

    static NetEvent[] MakeEvents(Random rng)
    {
        var zone = DateTimeZoneProviders.Tzdb["Europe/London"];
        var start = zone.AtStartOfDay(new LocalDate(2026, 11, 16)).ToInstant();   // Monday; runs into the Christmas holiday
        var events = new NetEvent[N];
        for (var i = 0; i < N; i++)
        {
            var at = start.Plus(Duration.FromSeconds(rng.NextInt64(0, 42L * 86400)));
            var host = Hosts[rng.Next(Hosts.Length)];
            var url = $"http://{host}/path/{i}";
            var cats = Enumerable.Range(0, rng.Next(0, 5)).Select(_ => Categories[rng.Next(Categories.Length)]).Distinct().ToArray();
            var role = Roles[rng.Next(Roles.Length)];
            events[i] = new NetEvent
            {
                Id = EventIdentity.Compute("bench", i, url),
                Origin = new EventOrigin("bench", i),
                Timestamp = at,
                Action = EventActions.Allowed,
                Dataset = "squid.access",
                ObserverProduct = "squid",
                UserName = "user" + rng.Next(50),
                Url = UrlNormalizer.Parse(url),
                Classification = new Classification { Categories = cats, SafeguardingTheme = rng.Next(50) == 0 ? "self-harm" : null },
                Attribution = role is null ? null : new Attribution { Roles = [role], Source = "proxy-auth", Confidence = 1 },
            };
        }
        return events;
    }

    static string FindPolicy(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies", name + ".yaml");
            if (File.Exists(candidate)) return candidate;
        }
        var env = Environment.GetEnvironmentVariable("NETWATCH_POLICIES");
        if (env is not null && File.Exists(Path.Combine(env, name + ".yaml"))) return Path.Combine(env, name + ".yaml");
        throw new FileNotFoundException($"policies/{name}.yaml not found above {AppContext.BaseDirectory} (set NETWATCH_POLICIES)");
    }
}
