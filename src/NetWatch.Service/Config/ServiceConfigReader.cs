using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NetWatch.Core.Identity;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Reference;
using NetWatch.Service.Sources;
using NodaTime;

namespace NetWatch.Service.Config;

/// <summary>
/// Reads and checks <c>netwatch run</c>'s configuration: the file's values, overridden by environment variables
/// <c>NETWATCH_key__subkey</c> (e.g. <c>NETWATCH_store</c>, <c>NETWATCH_sources__0__port</c>). Every problem fails
/// here, before anything starts, naming the file and line (or the environment variable) and what is wrong.
/// </summary>
public static partial class ServiceConfigReader
{
    public const string EnvironmentPrefix = "NETWATCH_";

    /// <summary>The settings outside <c>sources</c> (those inside are each source kind's: <see cref="ISourceKind.Keys"/>).</summary>
    [GeneratedRegex(@"^(store|once|memory|school(:(id|name))?|http(:(bind|port))?|logging(:format)?|enrich(:(policy|findings_seconds|lists(:\d+)?|semantic|safeguarding_examples(:\d+)?|attribution(:(directory|devices|leases(:\d+)?|wired_networks(:\d+)?|reload_seconds))?))?|sources(:\d+)?|retention(:[A-Za-z_]+)?|notice(:contact)?|checkpoints(:(side_file|wal_mb))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex KnownKey();

    /// <summary>Settings every source has, whatever its kind.</summary>
    [GeneratedRegex(@"^sources:(\d+):(name|type|school(:(id|name))?)$", RegexOptions.IgnoreCase)]
    private static partial Regex CommonSourceKey();

    [GeneratedRegex(@"^sources:(\d+):(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex SourceKey();

    public static ServiceConfig Load(string path, SourceRegistry? registry = null)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new ConfigException(path, "cannot read the file: " + ex.Message); }
        return Read(FlatConfig.Parse(text, path), registry);
    }

    public static ServiceConfig LoadDefault()
    {
        using var stream = typeof(ServiceConfigReader).Assembly.GetManifestResourceStream("NetWatch.Service.default.yaml")!;
        return Read(FlatConfig.Parse(new StreamReader(stream).ReadToEnd(), "(embedded default)"));
    }

    public static ServiceConfig Read(FlatConfig flat, SourceRegistry? registry = null)
    {
        registry ??= SourceRegistry.Default;
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(flat.Values)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
        var r = new ConfigReader(flat, config);
        foreach (var key in flat.Lines.Keys)
            if (!KnownKey().IsMatch(key) && !AlertsConfigReader.IsKey(key) && !ReportsConfigReader.IsKey(key) && !ApiConfigReader.IsKey(key) && !CommonSourceKey().IsMatch(key) && !IsSourceKindKey(key, r, registry))
                throw new ConfigException(flat.Where(key), $"unknown setting '{key.Replace(':', '.')}'");
        var school = ReadSchool(r, "school");

        var sources = new List<SourceSettings>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in config.GetSection("sources").GetChildren().OrderBy(s => int.Parse(s.Key, CultureInfo.InvariantCulture)))
        {
            var key = section.Path;
            var name = r.String(key + ":name") ?? throw r.Error(key, "a source needs a name");
            if (!names.Add(name)) throw r.Error(key + ":name", $"two sources are named '{name}'");
            var kind = KindOf(key, r, registry);
            var settings = kind.Bind(new SourceBinding(r, config, key, name));
            sources.Add(settings with { School = ReadSchool(r, key + ":school") ?? school });
        }
        if (sources.Count == 0) throw r.Error("sources", "no sources are configured");
        if (r.Bool("enrich:semantic") == true && !config.GetSection("enrich:lists").GetChildren().Any())
            throw r.Error("enrich:semantic", "the semantic layer refines classification: it needs enrich.lists");
        var alerts = AlertsConfigReader.Read(r, config);
        var logFormat = r.String("logging:format") ?? "simple";
        if (logFormat is not ("simple" or "json")) throw r.Error("logging:format", $"logging format '{logFormat}' is not simple or json");
        return new ServiceConfig(
            r.String("store") ?? throw r.Error("store", "'store' (the store directory) is required"),
            sources,
            logFormat == "json",
            r.Bool("once") ?? false)
        {
            Retention = ReadRetention(r, config),
            NoticeContact = r.String("notice:contact"),
            Lists = config.GetSection("enrich:lists").GetChildren().Select(c => c.Value).OfType<string>().ToList(),
            Policy = r.String("enrich:policy"),
            Semantic = r.Bool("enrich:semantic") ?? false,
            SafeguardingExamples = config.GetSection("enrich:safeguarding_examples").GetChildren().Select(c => c.Value).OfType<string>().ToList(),
            Attribution = ReadAttribution(r, config),
            AttributionReload = Duration.FromSeconds(r.Int("enrich:attribution:reload_seconds", 1, 86_400) ?? 60),
            FindingsEvery = Duration.FromSeconds(r.Int("enrich:findings_seconds", 1, 86_400) ?? 300),
            School = school,
            Alerts = alerts,
            Reports = ReportsConfigReader.Read(r, config, alerts, school),
            Api = ApiConfigReader.Read(r, config, flat, sources),
            Memory = ReadMemory(r),
            SideFileWal = r.Bool("checkpoints:side_file") != false ? r.Int("checkpoints:wal_mb", 1, 65_536) is { } mb ? mb * (1L << 20) : Storage.DuckDbStore.DefaultSideFileWal : null,
        };
    }

    /// <summary><c>memory: 1GB</c>: the ingestion's memory budget (<see cref="MemoryBudget"/>).</summary>
    private static MemoryBudget? ReadMemory(ConfigReader r)
    {
        if (r.String("memory") is not { } text) return null;
        return MemoryBudget.Parse(text, out var error) ?? throw r.Error("memory", error!);
    }

    private static ISourceKind KindOf(string key, ConfigReader r, SourceRegistry registry)
    {
        var type = r.String(key + ":type") ?? "file";
        return registry.Find(type) ?? throw r.Error(key + ":type", $"type '{type}' is not one of {string.Join(", ", registry.Types)}");
    }

    /// <summary>A setting under a source that the source's kind reads ('*' in its keys stands for a list index).</summary>
    private static bool IsSourceKindKey(string key, ConfigReader r, SourceRegistry registry)
    {
        if (SourceKey().Match(key) is not { Success: true } m) return false;
        var type = r.String($"sources:{m.Groups[1].Value}:type") ?? "file";
        if (registry.Find(type) is not { } kind) return true; // the type itself is reported, naming its line
        var parts = m.Groups[2].Value.Split(':');
        return kind.Keys.Any(k =>
        {
            var pattern = k.Split(':');
            // A key and its parents ("rules", "rules:0") are known when a known key starts with them.
            return parts.Length <= pattern.Length && parts.Select((p, i) => pattern[i] == "*"
                ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                : string.Equals(pattern[i], p, StringComparison.OrdinalIgnoreCase)).All(ok => ok);
        });
    }

    /// <summary><c>school: { id, name }</c> (either may be left out: the other stands for both).</summary>
    private static Core.Events.Organization? ReadSchool(ConfigReader r, string key)
    {
        var (id, name) = (r.String(key + ":id"), r.String(key + ":name"));
        if (id is null && name is null) return r.String(key) is { } flat ? School.FromName(flat) : null;
        return new Core.Events.Organization { Id = id ?? School.Slug(name!), Name = name ?? id };
    }

    private static AttributionSettings? ReadAttribution(ConfigReader r, IConfiguration config)
    {
        const string key = "enrich:attribution";
        string? PathOf(string name) => r.String($"{key}:{name}") is not { } path ? null
            : File.Exists(path) ? path : throw r.Error($"{key}:{name}", $"attribution file '{path}' does not exist");
        var leases = new List<string>();
        foreach (var item in Items(config, $"{key}:leases"))
            leases.Add(File.Exists(item.Value) ? item.Value! : throw r.Error(item.Path, $"attribution file '{item.Value}' does not exist"));
        var networks = new List<IpNetwork>();
        foreach (var item in Items(config, $"{key}:wired_networks"))
            networks.Add(IpNetwork.TryParse(item.Value!, out var network) ? network : throw r.Error(item.Path, $"'{item.Value}' is not a subnet such as 10.20.0.0/16"));
        var settings = new AttributionSettings { Directory = PathOf("directory"), Devices = PathOf("devices"), Leases = leases, WiredNetworks = networks };
        if (!settings.IsEmpty) return settings;
        return networks.Count > 0 ? throw r.Error($"{key}:wired_networks", "wired networks need lease feeds (enrich.attribution.leases)") : null;
    }

    /// <summary>A list's items in order (environment variables may add to it).</summary>
    private static IEnumerable<IConfigurationSection> Items(IConfiguration config, string key) =>
        config.GetSection(key).GetChildren().Where(c => c.Value is { Length: > 0 })
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue);
}
