using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace NetWatch.Service.Alerts;

/// <summary>E-mail over SMTP with MailKit: plain, or upgraded with STARTTLS (required when configured); optional authentication.</summary>
public sealed class EmailChannel(EmailSettings settings) : IAlertChannel
{
    public string Name => settings.Name;

    public async Task SendAsync(AlertMessage message, string recipient, string idempotencyKey, CancellationToken cancellationToken)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(recipient));
        mail.Subject = message.Subject;
        // The same delivery sent again (after a crash between sending and recording it) has the same Message-ID.
        mail.MessageId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32] + "@netwatch";
        mail.Headers.Add("X-NetWatch-Alert", message.Alert.Id);
        mail.Body = new TextPart("plain") { Text = message.TextBody() };

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (settings.AcceptAnyCertificate) client.ServerCertificateValidationCallback = (_, _, _, _) => true;
        await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (settings.Username is { } user) await client.AuthenticateAsync(user, settings.Password ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>An e-mail channel's settings (<c>alerts.channels[n]</c> with <c>type: email</c>).</summary>
public sealed record EmailSettings(string Name, string Host, int Port, bool StartTls, string From)
{
    public string? Username { get; init; }
    public string? Password { get; init; }
    /// <summary>Trust any server certificate under STARTTLS (a test server's self-signed one); never the default.</summary>
    public bool AcceptAnyCertificate { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
