using System.Text;
using NetWatch.Core.Alerts;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Service.Alerts;

/// <summary>
/// What a notification says, per medium. The e-mail's subject names the theme and severity and nothing a reader of
/// a lock screen should not see (no person, site or search term); its body has the evidence and a link to the alert.
/// Teams and Slack messages leave the school for a cloud service, so they carry the theme, severity and link only.
/// </summary>
public sealed record AlertMessage(Alert Alert, AlertNotification Notification, string? Link)
{
    private static readonly InstantPattern Time = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss'Z'");

    public string Subject => $"[NetWatch] Safeguarding alert: {Alert.Theme}, severity {Alert.Severity}{ReasonText}";

    private string ReasonText => Notification.Reason switch
    {
        AlertNotification.SeverityRaised => " (severity raised)",
        AlertNotification.Repeat => " (still happening)",
        AlertNotification.Escalation => " (not acknowledged: escalated)",
        _ => "",
    };

    public string TextBody()
    {
        var a = Alert;
        var b = new StringBuilder();
        b.AppendLine($"A safeguarding alert for the DSL{ReasonText}.").AppendLine();
        b.AppendLine($"Theme:      {a.Theme}");
        b.AppendLine($"Severity:   {a.Severity} of 5");
        b.AppendLine($"School:     {a.School}");
        b.AppendLine($"Who:        {a.Subject.Display}{(a.Subject.Role is { } r ? $" ({r}{(a.Subject.Group is { } g ? ", " + g : "")})" : "")}");
        b.AppendLine($"First seen: {Time.Format(a.FirstSeen)}");
        b.AppendLine($"Last seen:  {Time.Format(a.LastSeen)}");
        b.AppendLine($"Matches:    {a.Count}");
        b.AppendLine($"Alert:      {a.Id} (version {Notification.Version})");
        if (Link is not null) b.AppendLine($"Open it:    {Link}");
        b.AppendLine().AppendLine("Evidence (newest first):");
        foreach (var e in a.Evidence)
        {
            b.AppendLine($"- {Time.Format(e.At)} severity {e.Severity}: {e.Url}");
            if (e.SearchTerms is not null) b.AppendLine($"  search terms: {e.SearchTerms}");
            if (e.Matched is not null) b.AppendLine($"  matched phrase: {e.Matched}");
            if (e.Categories.Count > 0) b.AppendLine($"  categories: {string.Join(", ", e.Categories)}");
            if (e.Explanation is not null) b.AppendLine($"  why: {e.Explanation}");
            b.AppendLine($"  rule: {e.Rule} (clause {e.Clause}){(e.PolicyRule is not null ? $"; policy verdict rule {e.PolicyRule} (clause {e.PolicyClause})" : "")}");
            b.AppendLine($"  event: {e.EventId}");
        }
        b.AppendLine().AppendLine("This message is personal data about a safeguarding concern: do not forward it.");
        return b.ToString();
    }

    public AlertFeedItem FeedItem(string key) =>
        new(key, Alert.Id, Alert.School, Alert.Theme, Alert.Severity, Notification.Reason, Notification.Version, Alert.Count, Alert.Subject.Display);
}
