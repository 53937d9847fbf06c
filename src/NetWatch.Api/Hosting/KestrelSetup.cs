using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace NetWatch.Api.Hosting;

/// <summary>Where and how Kestrel listens: one endpoint on the configured address and port, HTTPS when a certificate is given.</summary>
public static class KestrelSetup
{
    public static IWebHostBuilder UseNetWatchKestrel(this IWebHostBuilder web, ApiOptions options)
    {
        options.Validate();
        var certificate = options.CertificateFile is null ? null : LoadCertificate(options);
        return web.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Listen(IPAddress.Parse(options.Bind), options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
    }

    /// <summary>A PEM certificate and key, or a PKCS#12 file.</summary>
    public static X509Certificate2 LoadCertificate(ApiOptions options) =>
        options.CertificateKeyFile is { } key
            ? X509Certificate2.CreateFromPemFile(options.CertificateFile!, key)
            : X509CertificateLoader.LoadPkcs12FromFile(options.CertificateFile!, options.CertificatePassword);
}
