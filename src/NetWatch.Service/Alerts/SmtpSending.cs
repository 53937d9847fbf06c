using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace NetWatch.Service.Alerts;

/// <summary>
/// Sends one message through an e-mail channel's server with MailKit: its timeout, STARTTLS and certificate trust,
/// and credentials; one connection per message. Shared by the alert e-mails and the weekly report.
/// </summary>
public static class SmtpSending
{
    public static async Task SendAsync(EmailSettings settings, MimeMessage mail, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        if (settings.Trust.IsCustom) client.ServerCertificateValidationCallback = settings.Trust.Validate;
        await client.ConnectAsync(settings.Host, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (settings.Username is { } user) await client.AuthenticateAsync(user, settings.Password ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
