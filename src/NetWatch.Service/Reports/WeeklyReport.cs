namespace NetWatch.Service.Reports;

/// <summary>A composed weekly summary: its subject, plain text and simple HTML bodies, and how many figures it holds.</summary>
public sealed record WeeklyReport(string Subject, string Text, string Html, long Rows);

/// <summary>Where the job gets the week's report (the SLT dashboard's figures in the service; a fixed one in tests).</summary>
public interface IWeeklyReportSource
{
    /// <param name="school">Whose figures (people as that school's pseudonyms); null: every school together.</param>
    Task<WeeklyReport> ReadAsync(WeeklySend send, string? school, CancellationToken cancel);
}

/// <summary>Sends one composed report to its recipients (MailKit over the alerts section's SMTP settings in the service).</summary>
public interface IReportMailer
{
    /// <param name="messageId">The same for every attempt at one week's report, so a copy sent twice (a crash between
    /// sending and recording it) can be told apart.</param>
    Task SendAsync(WeeklyReport report, IReadOnlyList<string> to, string messageId, CancellationToken cancel);
}
