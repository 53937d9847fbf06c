using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NetWatch.Core.Identity;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Reference;
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

    [GeneratedRegex(@"^(store|once|http(:(bind|port))?|logging(:format)?|enrich(:(policy|findings_seconds|lists(:\d+)?|attribution(:(directory|devices|leases(:\d+)?|wired_networks(:\d+)?|reload_seconds))?))?|sources(:\d+(:(name|type|path|format|bind|port|rules(:\d+(:(host|app|format))?)?))?)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex KnownKey();

    public static ServiceConfig Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new ConfigException(path, "cannot read the file: " + ex.Message); }
        return Read(FlatConfig.Parse(text, path));
    }

    public static ServiceConfig LoadDefault()
    {
        using var stream = typeof(ServiceConfigReader).Assembly.GetManifestResourceStream("NetWatch.Service.default.yaml")!;
        return Read(FlatConfig.Parse(new StreamReader(stream).ReadToEnd(), "(embedded default)"));
    }

    public static ServiceConfig Read(FlatConfig flat)
    {
        foreach (var key in flat.Lines.Keys)
            if (!KnownKey().IsMatch(key)) throw new ConfigException(flat.Where(key), $"unknown setting '{key.Replace(':', '.')}'");
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(flat.Values)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
        var r = new Reader(flat, config);

        var sources = new List<SourceConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in config.GetSection("sources").GetChildren().OrderBy(s => int.Parse(s.Key, CultureInfo.InvariantCulture)))
        {
            var key = section.Path;
            var name = r.String(key + ":name") ?? throw r.Error(key, "a source needs a name");
            if (!names.Add(name)) throw r.Error(key + ":name", $"two sources are named '{name}'");
            var type = r.String(key + ":type") ?? "file";
            var kind = type switch
            {
                "file" => SourceKind.File,
                "syslog-udp" => SourceKind.SyslogUdp,
                "syslog-tcp" => SourceKind.SyslogTcp,
                _ => throw r.Error(key + ":type", $"type '{type}' is not one of file, syslog-udp, syslog-tcp"),
            };
            var format = r.Format(key + ":format");
            var bind = r.Address(key + ":bind") ?? "127.0.0.1";
            var rules = new List<SyslogRuleConfig>();
            if (kind == SourceKind.File)
            {
                if (r.String(key + ":path") is null) throw r.Error(key, $"file source '{name}' needs a path");
            }
            else
            {
                if (r.Int(key + ":port", 0, 65535) is null) throw r.Error(key, $"syslog source '{name}' needs a port");
                foreach (var rule in config.GetSection(key + ":rules").GetChildren())
                {
                    var ruleFormat = r.Format(rule.Path + ":format") ?? throw r.Error(rule.Path, "a rule needs a format");
                    rules.Add(new SyslogRuleConfig(r.String(rule.Path + ":host"), r.String(rule.Path + ":app"), ruleFormat));
                }
                if (format is not null) rules.Add(new SyslogRuleConfig(null, null, format));
                if (rules.Count == 0) throw r.Error(key, $"syslog source '{name}' needs rules (host/app → format) or a format");
            }
            sources.Add(new SourceConfig(name, kind, r.String(key + ":path"), format, bind, r.Int(key + ":port", 0, 65535) ?? 0, rules));
        }
        if (sources.Count == 0) throw r.Error("sources", "no sources are configured");
        var logFormat = r.String("logging:format") ?? "simple";
        if (logFormat is not ("simple" or "json")) throw r.Error("logging:format", $"logging format '{logFormat}' is not simple or json");
        return new ServiceConfig(
            r.String("store") ?? throw r.Error("store", "'store' (the store directory) is required"),
            sources,
            r.Address("http:bind") ?? "127.0.0.1",
            r.Int("http:port", 0, 65535) ?? 9108,
            logFormat == "json",
            r.Bool("once") ?? false)
        {
            Lists = config.GetSection("enrich:lists").GetChildren().Select(c => c.Value).OfType<string>().ToList(),
            Policy = r.String("enrich:policy"),
            Attribution = ReadAttribution(r, config),
            AttributionReload = Duration.FromSeconds(r.Int("enrich:attribution:reload_seconds", 1, 86_400) ?? 60),
            FindingsEvery = Duration.FromSeconds(r.Int("enrich:findings_seconds", 1, 86_400) ?? 300),
        };
    }

    private static AttributionSettings? ReadAttribution(Reader r, IConfiguration config)
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

    private sealed class Reader(FlatConfig flat, IConfiguration config)
    {
        public string? String(string key) => config[key] is { Length: > 0 } v ? v : null;

        public int? Int(string key, int min, int max)
        {
            if (String(key) is not { } text) return null;
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw Error(key, $"'{text}' is not a whole number from {min} to {max}");
        }

        public bool? Bool(string key) => String(key) switch
        {
            null => null,
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            var text => throw Error(key, $"'{text}' is not true or false"),
        };

        public string? Address(string key)
        {
            if (String(key) is not { } text) return null;
            return IPAddress.TryParse(text, out _) ? text : throw Error(key, $"'{text}' is not an IP address");
        }

        public string? Format(string key)
        {
            if (String(key) is not { } text) return null;
            return LogFormats.IsKnown(text) ? text : throw Error(key, $"format '{text}' is not known; known formats: {string.Join(", ", LogFormats.Names)}");
        }

        public ConfigException Error(string key, string problem)
        {
            var variable = EnvironmentPrefix + key.Replace(":", "__");
            var fromEnvironment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .FirstOrDefault(k => string.Equals(k, variable, StringComparison.OrdinalIgnoreCase));
            return new ConfigException(fromEnvironment is not null ? "environment variable " + fromEnvironment : flat.Where(key), problem);
        }
    }
}
