using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// A real SMTP server on 127.0.0.1 that offers STARTTLS with a self-signed certificate made for the test (smtp-sink does
/// no TLS) and takes AUTH only over TLS: keeps each message with whether it came over TLS and who authenticated.
/// </summary>
internal sealed class StartTlsSmtpServer : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public int Port { get; } = Health.FreeTcpPort();
    public X509Certificate2 Certificate { get; }
    public ConcurrentQueue<(MimeMessage Message, bool Secure, string? User)> Received { get; } = new();

    /// <param name="user">With a user, AUTH is required and this user and password only are accepted.</param>
    public StartTlsSmtpServer(string? user = null, string? password = null)
    {
        Certificate = SelfSigned("127.0.0.1");
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).Certificate(Certificate)
                .AllowUnsecureAuthentication(false).AuthenticationRequired(user is not null))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Authenticator(user, password));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>The certificate as a PEM file (what <c>ca_file</c> names).</summary>
    public string WritePem(string path)
    {
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    public string Sha256Fingerprint => string.Join(":", SHA256.HashData(Certificate.RawData).Select(b => b.ToString("X2")));

    private static X509Certificate2 SelfSigned(string ip)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=netwatch-test-smtp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Parse(ip));
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS#12 so that the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class Store(StartTlsSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server.Received.Enqueue((message, context.Pipe.IsSecure, context.Authentication.IsAuthenticated ? context.Authentication.User : null));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Authenticator(string? user, string? password) : UserAuthenticator
    {
        public override Task<bool> AuthenticateAsync(ISessionContext context, string u, string p, CancellationToken cancellationToken) =>
            Task.FromResult(user is not null && u == user && p == password);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _running.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        Certificate.Dispose();
    }
}
