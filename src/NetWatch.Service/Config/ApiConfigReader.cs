using System.Security.Cryptography;
using System.Text.RegularExpressions;
using NetWatch.Api;
using NetWatch.Api.Hosting;

namespace NetWatch.Service.Config;

/// <summary>
/// The <c>api:</c> section: where the service's HTTP API (with /metrics and /healthz) listens, its certificate, the
/// pseudonym secret and the API's limits, as <see cref="ApiOptions"/>. Every bad value fails at its line, as every
/// other setting does.
/// </summary>
public static partial class ApiConfigReader
{
    public const string Section = "api";

    [GeneratedRegex(@"^api(:(bind|port|certificate|certificate_key|certificate_password|pseudonym_secret|metrics_from_any_address|max_failed_sign_ins|lockout_minutes|sign_ins_per_minute|session_idle_minutes|max_page_size|oidc|reverse_proxy(:(proxies|networks)(:\d+)?)?))?$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnKey();

    internal static bool IsKey(string key) => OwnKey().IsMatch(key) || OidcConfigReader.KnownKey().IsMatch(key);

    /// <summary>The API's options; <see cref="ApiOptions.PseudonymSecret"/> is empty when the file gives none (the service then keeps one in the store, <see cref="PseudonymSecretFile"/>).</summary>
    internal static ApiOptions Read(ConfigReader r, Microsoft.Extensions.Configuration.IConfiguration config, FlatConfig flat, IReadOnlyList<Sources.SourceSettings> sources)
    {
        if (r.Has("http")) throw r.Error("http", "'http' is now 'api': /metrics and /healthz are served by the API's host (api.bind, api.port; default 127.0.0.1:5080)");
        var certificate = ExistingFile(r, "api:certificate");
        var options = new ApiOptions
        {
            Bind = r.Address("api:bind") ?? "127.0.0.1",
            Port = r.Int("api:port", 0, 65535) ?? ApiOptions.DefaultPort,
            CertificateFile = certificate,
            CertificateKeyFile = ExistingFile(r, "api:certificate_key"),
            CertificatePassword = r.String("api:certificate_password"),
            PseudonymSecret = r.String("api:pseudonym_secret") is { } secret
                ? secret.Length >= MinimumSecretLength ? secret : throw r.Error("api:pseudonym_secret", $"the pseudonym secret must be at least {MinimumSecretLength} characters (it keys the SLT pseudonyms)")
                : "",
            MetricsFromAnyAddress = r.Bool("api:metrics_from_any_address") ?? false,
            MaxFailedSignIns = r.Int("api:max_failed_sign_ins", 1, 100) ?? 5,
            Lockout = TimeSpan.FromMinutes(r.Int("api:lockout_minutes", 1, 1440) ?? 15),
            SignInsPerMinute = r.Int("api:sign_ins_per_minute", 1, 10_000) ?? 10,
            SessionIdle = TimeSpan.FromMinutes(r.Int("api:session_idle_minutes", 1, 10_080) ?? 480),
            MaxPageSize = r.Int("api:max_page_size", 1, 100_000) ?? 1000,
            // A source's school sees its dead letters; sources without one are shown to trust-wide accounts only.
            Oidc = OidcConfigReader.Read(r, config, flat),
            ReverseProxy = ReadReverseProxy(r, config, flat),
            SourceSchools = sources.Where(s => s.School?.Id is not null).ToDictionary(s => s.Name, s => s.School!.Id!, StringComparer.Ordinal),
        };
        if (certificate is not null)
        {
            try { using var _ = KestrelSetup.LoadCertificate(options); }
            catch (CryptographicException ex) { throw r.Error("api:certificate", $"cannot load the certificate '{certificate}': {ex.Message}"); }
        }
        else if (options.CertificateKeyFile is not null) throw r.Error("api:certificate_key", "a certificate key needs api.certificate");
        return options;
    }

    /// <summary><c>api.reverse_proxy: { proxies: [ADDRESS...], networks: [CIDR...] }</c>: at least one of them.</summary>
    private static ReverseProxySettings? ReadReverseProxy(ConfigReader r, Microsoft.Extensions.Configuration.IConfiguration config, FlatConfig flat)
    {
        const string key = "api:reverse_proxy";
        if (!r.Has(key) && !flat.Lines.ContainsKey(key)) return null;   // an empty list is no section to the configuration

        var proxies = new List<System.Net.IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var item in Items(config, key + ":proxies"))
            proxies.Add(System.Net.IPAddress.TryParse(item.Value, out var address) ? address : throw r.Error(item.Path, $"'{item.Value}' is not an IP address (the proxy's)"));
        foreach (var item in Items(config, key + ":networks"))
            networks.Add(System.Net.IPNetwork.TryParse(item.Value, out var network) ? network : throw r.Error(item.Path, $"'{item.Value}' is not a network such as 10.0.0.0/24"));
        if (r.String(key + ":proxies") is { } one)
            proxies.Add(System.Net.IPAddress.TryParse(one, out var address) ? address : throw r.Error(key + ":proxies", $"'{one}' is not an IP address (the proxy's)"));
        if (proxies.Count == 0 && networks.Count == 0)
            throw r.Error(key, "a reverse proxy section needs 'proxies' (the proxy's addresses) or 'networks': forwarded headers from anyone else are ignored");
        return new ReverseProxySettings(proxies, networks);
    }

    private static IEnumerable<Microsoft.Extensions.Configuration.IConfigurationSection> Items(Microsoft.Extensions.Configuration.IConfiguration config, string key) =>
        config.GetSection(key).GetChildren().Where(c => c.Value is { Length: > 0 });

    public const int MinimumSecretLength = 16;

    /// <summary>Where the service keeps the pseudonym secret it generated when the configuration gives none.</summary>
    public static string PseudonymSecretFile(string store) => Path.Combine(store, "pseudonym-secret");

    /// <summary>
    /// The configured secret, or the one kept in the store directory (generated on first start, readable by the
    /// service's user only): pseudonyms stay the same across restarts as long as the store does.
    /// </summary>
    public static ApiOptions WithSecret(ApiOptions options, string store)
    {
        if (options.PseudonymSecret.Length > 0) return options;
        var file = PseudonymSecretFile(store);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(store);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(file, create);
            using var writer = new StreamWriter(stream);
            writer.Write(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        }
        return options with { PseudonymSecret = File.ReadAllText(file).Trim() };
    }

    private static string? ExistingFile(ConfigReader r, string key) => r.String(key) is not { } path ? null
        : File.Exists(path) ? path : throw r.Error(key, $"'{path}' does not exist");
}
