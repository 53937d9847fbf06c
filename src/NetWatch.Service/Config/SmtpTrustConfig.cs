using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NetWatch.Service.Alerts;

namespace NetWatch.Service.Config;

/// <summary>
/// An e-mail channel's <c>ca_file</c> (PEM: the CA, or the server's own self-signed certificate),
/// <c>certificate_fingerprint</c> (SHA-256 of the server's certificate, hex) and <c>accept_any_certificate</c>
/// (explicit; never the default). Each applies to STARTTLS only: without <c>starttls: true</c> it is an error.
/// </summary>
internal static class SmtpTrustConfig
{
    public static SmtpServerTrust Read(ConfigReader r, string key, bool startTls)
    {
        var caFile = r.String(key + ":ca_file");
        var fingerprintText = r.String(key + ":certificate_fingerprint");
        var acceptAny = r.Bool(key + ":accept_any_certificate") ?? false;
        if (!startTls)
            foreach (var (setting, given) in new[] { ("ca_file", caFile is not null), ("certificate_fingerprint", fingerprintText is not null), ("accept_any_certificate", acceptAny) })
                if (given) throw r.Error(key + ":" + setting, $"'{setting}' applies to STARTTLS: set 'starttls: true' too");
        X509Certificate2Collection? authorities = null;
        if (caFile is not null)
        {
            if (!File.Exists(caFile)) throw r.Error(key + ":ca_file", $"'{caFile}' does not exist");
            authorities = [];
            try { authorities.ImportFromPemFile(caFile); }
            catch (CryptographicException e) { throw r.Error(key + ":ca_file", $"'{caFile}' is not a PEM certificate file: {e.Message}"); }
            if (authorities.Count == 0) throw r.Error(key + ":ca_file", $"'{caFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        byte[]? fingerprint = null;
        if (fingerprintText is not null)
            fingerprint = SmtpServerTrust.ParseFingerprint(fingerprintText)
                ?? throw r.Error(key + ":certificate_fingerprint", $"'{fingerprintText}' is not a SHA-256 fingerprint (64 hex digits, ':' between bytes allowed)");
        return new SmtpServerTrust(authorities, fingerprint is null ? null : [fingerprint], acceptAny);
    }
}
