using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace NetWatch.Service.Alerts;

/// <summary>E-mail over SMTP with MailKit: plain, or upgraded with STARTTLS (required when configured: a server that does
/// not offer it fails the delivery, which is retried); optional authentication (AUTH PLAIN/LOGIN, as the server offers).</summary>
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

        await SmtpSending.SendAsync(settings, mail, cancellationToken);
    }
}

/// <summary>An e-mail channel's settings (<c>alerts.channels[n]</c> with <c>type: email</c>).</summary>
public sealed record EmailSettings(string Name, string Host, int Port, bool StartTls, string From)
{
    public string? Username { get; init; }
    /// <summary>The password (<c>password</c>, or the first line of <c>password_file</c>).</summary>
    public string? Password { get; init; }
    /// <summary>Which server certificates STARTTLS accepts (<c>ca_file</c>, <c>certificate_fingerprint</c>, <c>accept_any_certificate</c>).</summary>
    public SmtpServerTrust Trust { get; init; } = SmtpServerTrust.System;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
