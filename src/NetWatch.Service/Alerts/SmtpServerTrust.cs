using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NetWatch.Service.Alerts;

/// <summary>
/// Which SMTP server certificates an e-mail channel trusts under STARTTLS. Always those the system trusts for the host
/// (a public CA, the name matching); besides, a school's own mail server: a certificate whose SHA-256 fingerprint is
/// pinned (<c>certificate_fingerprint</c>), or one issued by a CA in <c>ca_file</c> (for the host's name: only the
/// chain is judged against the file). Accepting any certificate is a separate, explicit setting and never the default.
/// </summary>
public sealed class SmtpServerTrust
{
    private readonly X509Certificate2Collection _authorities;
    private readonly IReadOnlyList<byte[]> _fingerprints;
    private readonly bool _acceptAny;

    public SmtpServerTrust(X509Certificate2Collection? authorities = null, IReadOnlyList<byte[]>? fingerprints = null, bool acceptAny = false)
    {
        _authorities = authorities ?? [];
        _fingerprints = fingerprints ?? [];
        _acceptAny = acceptAny;
    }

    /// <summary>The system's trust only.</summary>
    public static readonly SmtpServerTrust System = new();

    /// <summary>True when the channel needs to judge certificates itself (anything beyond the system's trust).</summary>
    public bool IsCustom => _acceptAny || _authorities.Count > 0 || _fingerprints.Count > 0;

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>: true when the certificate is trusted.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_acceptAny || errors == SslPolicyErrors.None) return true;
        if (certificate is null) return false;
        var raw = certificate.GetRawCertData();
        var fingerprint = SHA256.HashData(raw);
        // A pinned certificate is the server itself: neither its issuer nor its names matter.
        if (_fingerprints.Any(f => CryptographicOperations.FixedTimeEquals(f, fingerprint))) return true;
        if (_authorities.Count == 0 || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null) own.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        using var leaf = X509CertificateLoader.LoadCertificate(raw);
        return own.Build(leaf);
    }

    /// <summary>A SHA-256 fingerprint as written in the configuration: 64 hex digits, with or without ':' between bytes.</summary>
    public static byte[]? ParseFingerprint(string text)
    {
        var hex = text.Replace(":", "").Replace(" ", "");
        if (hex.StartsWith("sha256/", StringComparison.OrdinalIgnoreCase)) hex = hex["sha256/".Length..];
        if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) return null;
        return Convert.FromHexString(hex);
    }
}
