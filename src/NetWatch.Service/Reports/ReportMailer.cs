using MimeKit;
using NetWatch.Service.Alerts;

namespace NetWatch.Service.Reports;

/// <summary>
/// The weekly report by e-mail with MailKit, through an e-mail channel of the <c>alerts:</c> section (its server, port,
/// STARTTLS and certificate trust, credentials and sender): one message to all recipients, plain text and HTML.
/// </summary>
public sealed class ReportMailer(EmailSettings settings) : IReportMailer
{
    public async Task SendAsync(WeeklyReport report, IReadOnlyList<string> to, string messageId, CancellationToken cancel)
    {
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(settings.From));
        foreach (var address in to) mail.To.Add(MailboxAddress.Parse(address));
        mail.Subject = report.Subject;
        mail.MessageId = messageId;
        mail.Body = new BodyBuilder { TextBody = report.Text, HtmlBody = report.Html }.ToMessageBody();

        await SmtpSending.SendAsync(settings, mail, cancel);
    }
}
