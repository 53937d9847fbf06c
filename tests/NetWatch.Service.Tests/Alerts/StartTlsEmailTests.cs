using MailKit.Security;
using NetWatch.Core.Alerts;
using NetWatch.Service.Alerts;
using NetWatch.Service.Config;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// E-mail with <c>starttls: true</c> against a real SMTP server on loopback that offers STARTTLS with a self-signed
/// certificate: the channel trusts it only when told how (<c>ca_file</c> or <c>certificate_fingerprint</c>), sends over
/// TLS, authenticates with the password from <c>password_file</c>, and never falls back to plain text.
/// </summary>
public sealed class StartTlsEmailTests : IDisposable
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 23, 10, 0);
    private readonly TempDirectory _dir = new();

    /// <summary>The e-mail channel as the configuration file gives it (the settings under test are read, not built by hand).</summary>
    private EmailChannel Channel(int port, string settings)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, $"store: {_dir.File("store")}\nsources:\n  - name: a\n    path: {_dir.File("a.log")}\n    format: squid-native\n" +
            $"alerts:\n  channels:\n    - {{ type: email, host: 127.0.0.1, port: {port}, from: netwatch@school.example, to: [dsl@school.example], {settings} }}\n");
        return new EmailChannel(Assert.Single(ServiceConfigReader.Load(path).Alerts!.Email));
    }

    private static AlertMessage Message()
    {
        var match = AlertMatcher.Match(AlertTestEvents.Safeguarding(1, At), AlertRules.Default, SuppressionSet.None)!;
        var changes = new AlertGrouper(AlertGrouping.Default).Add([match], At);
        return new AlertMessage(changes.Alerts[0], changes.Notifications[0], "http://127.0.0.1:5080/alerts/" + changes.Alerts[0].Id);
    }

    private static Task Send(EmailChannel channel) => channel.SendAsync(Message(), "dsl@school.example", "key-1", CancellationToken.None);

    [Fact]
    public async Task With_the_servers_certificate_as_ca_file_the_mail_goes_over_tls_authenticated_by_the_password_file()
    {
        using var server = new StartTlsSmtpServer(user: "netwatch", password: "correct horse");
        var passwordFile = _dir.File("smtp-password");
        await File.WriteAllTextAsync(passwordFile, "correct horse\n");
        var ca = server.WritePem(_dir.File("smtp-ca.pem"));
        await Send(Channel(server.Port, $"starttls: true, ca_file: {ca}, username: netwatch, password_file: {passwordFile}"));

        var (message, secure, user) = Assert.Single(server.Received);
        Assert.True(secure, "the message came over plain text");
        Assert.Equal("netwatch", user);
        Assert.Equal("[NetWatch] Safeguarding alert: self-harm, severity 4", message.Subject);
        Assert.Contains("how to hurt myself", message.TextBody);
    }

    [Fact]
    public async Task A_pinned_certificate_fingerprint_is_trusted_and_any_other_is_refused()
    {
        using var server = new StartTlsSmtpServer();
        await Send(Channel(server.Port, $"starttls: true, certificate_fingerprint: \"{server.Sha256Fingerprint}\""));
        Assert.True(Assert.Single(server.Received).Secure);

        var other = new string('A', 64);
        await Assert.ThrowsAsync<SslHandshakeException>(() => Send(Channel(server.Port, $"starttls: true, certificate_fingerprint: {other}")));
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Without_a_trust_setting_a_self_signed_server_is_refused_and_nothing_is_sent()
    {
        using var server = new StartTlsSmtpServer();
        await Assert.ThrowsAsync<SslHandshakeException>(() => Send(Channel(server.Port, "starttls: true")));
        // Another CA's certificate in ca_file does not make this one trusted.
        using var stranger = new StartTlsSmtpServer();
        var ca = stranger.WritePem(_dir.File("other-ca.pem"));
        await Assert.ThrowsAsync<SslHandshakeException>(() => Send(Channel(server.Port, $"starttls: true, ca_file: {ca}")));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task The_wrong_password_is_refused()
    {
        using var server = new StartTlsSmtpServer(user: "netwatch", password: "correct horse");
        var ca = server.WritePem(_dir.File("smtp-ca.pem"));
        await Assert.ThrowsAsync<AuthenticationException>(() => Send(Channel(server.Port, $"starttls: true, ca_file: {ca}, username: netwatch, password: battery")));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_server_that_offers_no_starttls_is_not_sent_to_in_plain_text()
    {
        using var sink = new SmtpSink();                                              // postfix's smtp-sink: no TLS
        await Assert.ThrowsAsync<NotSupportedException>(() => Send(Channel(sink.Port, "starttls: true")));
        Assert.Empty(sink.Messages());
    }

    public void Dispose() => _dir.Dispose();
}
