namespace NetWatch.Api;

/// <summary>
/// How the service's HTTP API is served: where Kestrel listens (loopback on port 5080 unless configured), TLS from
/// a certificate file, who may read /metrics, the secret pseudonyms are keyed with, and the limits that protect it.
/// </summary>
public sealed record ApiOptions
{
    public const int DefaultPort = 5080;

    /// <summary>The address Kestrel binds (an IP address: 127.0.0.1, ::1, 0.0.0.0).</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>A certificate for HTTPS: a PEM certificate (with <see cref="CertificateKeyFile"/>) or a PKCS#12 file
    /// (with <see cref="CertificatePassword"/> when it has one). Null: plain HTTP.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>; null for a PKCS#12 file.</summary>
    public string? CertificateKeyFile { get; init; }

    public string? CertificatePassword { get; init; }

    public bool Https => CertificateFile is not null;

    /// <summary>Serve /metrics to anonymous clients on any address; by default only loopback clients (and signed-in
    /// ICT administrators) may read it.</summary>
    public bool MetricsFromAnyAddress { get; init; }

    /// <summary>The key of SLT pseudonyms (HMAC of person and school). Required: without it nobody can be pseudonymised,
    /// and a changed key changes every pseudonym.</summary>
    public string PseudonymSecret { get; init; } = "";

    /// <summary>Failed sign-ins in a row after which an account is locked.</summary>
    public int MaxFailedSignIns { get; init; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan Lockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts allowed per client address per minute (then 429).</summary>
    public int SignInsPerMinute { get; init; } = 10;

    /// <summary>How long a sign-in cookie lasts without use.</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(8);

    /// <summary>The largest request body accepted (the API's requests are small JSON documents).</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>The largest page of a search.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>Sources (by name) that belong to one school: their dead letters are shown to that school's users.
    /// Dead letters of sources not listed here are shown to trust-wide accounts only.</summary>
    public IReadOnlyDictionary<string, string> SourceSchools { get; init; } = new Dictionary<string, string>();

    /// <summary>Sign-in through the school's OpenID Connect provider (<c>api.oidc</c>); null: accounts sign in with passwords only.</summary>
    public Auth.Oidc.OidcSettings? Oidc { get; init; }

    /// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are honoured (<c>api.reverse_proxy</c>); null: none.</summary>
    public Hosting.ReverseProxySettings? ReverseProxy { get; init; }

    /// <summary>Checks what cannot work, before anything listens.</summary>
    public void Validate()
    {
        if (!System.Net.IPAddress.TryParse(Bind, out _)) throw new ArgumentException($"api bind '{Bind}' is not an IP address");
        if (Port is < 0 or > 65535) throw new ArgumentException($"api port {Port} is not a TCP port");
        if (CertificateFile is { } cert && !File.Exists(cert)) throw new ArgumentException($"api certificate '{cert}' does not exist");
        if (CertificateKeyFile is { } key && !File.Exists(key)) throw new ArgumentException($"api certificate key '{key}' does not exist");
        if (PseudonymSecret.Length < 16) throw new ArgumentException("api pseudonym_secret must be at least 16 characters (it keys the SLT pseudonyms)");
        if (MaxFailedSignIns < 1) throw new ArgumentException("api max_failed_sign_ins must be at least 1");
        Oidc?.Validate();
    }
}
