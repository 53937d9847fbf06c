using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Alerts;

/// <summary>One event that an alert rule matched: the alert it belongs in (school, subject, theme) and its evidence.</summary>
public sealed record AlertMatch(string School, AlertSubject Subject, string Theme, int Severity, Instant At, AlertEvidence Evidence)
{
    public string GroupKey => GroupKeys.Of(School, Subject, Theme);
}

/// <summary>Which events raise alerts: the first rule (in order) that matches an event decides, unless a suppression covers it.</summary>
public static class AlertMatcher
{
    /// <summary>The school of events that carry none (a single-school install without <c>school</c>).</summary>
    public const string NoSchool = "(none)";

    public static AlertMatch? Match(NetEvent e, AlertRules rules, SuppressionSet suppressions)
    {
        var school = e.Organization?.Id ?? NoSchool;
        var c = e.Classification;
        // Indexed: a foreach over the interface boxes an enumerator for every event (the store thread's garbage).
        var list = rules.Rules;
        for (var i = 0; i < list.Count; i++)
        {
            var rule = list[i];
            string theme;
            int severity;
            switch (rule.Kind)
            {
                case AlertRuleKind.Safeguarding:
                    if (c?.SafeguardingTheme is not { } t || (c.SafeguardingSeverity ?? 1) < rule.MinSeverity) continue;
                    (theme, severity) = (t, Math.Clamp(c.SafeguardingSeverity ?? 1, 1, 5));
                    break;
                case AlertRuleKind.Category:
                    if (c is null || !c.Categories.Any(rule.Matches.Contains)) continue;
                    (theme, severity) = (rule.Theme ?? rule.Id, rule.Severity);
                    break;
                case AlertRuleKind.Finding:
                    if (e.Finding is not { } f || !rule.Matches.Contains(f.Kind)) continue;
                    (theme, severity) = (rule.Theme ?? rule.Id, rule.Severity);
                    break;
                default: continue;
            }
            if (suppressions.Covering(school, c?.SafeguardingMatched, e.Url.Domain, c?.SearchTerms) is not null) return null;
            var evidence = new AlertEvidence
            {
                EventId = e.Id, At = e.Timestamp, Url = e.Url.Original, Domain = e.Url.Domain, SearchTerms = c?.SearchTerms,
                Matched = c?.SafeguardingMatched, Categories = c?.Categories ?? [], Severity = severity, Rule = rule.Id,
                Clause = rule.Clause, PolicyRule = e.Policy?.Rule, PolicyClause = e.Policy?.Clause,
                Explanation = e.Finding?.Description ?? c?.SafeguardingEvidence,
            };
            return new AlertMatch(school, SubjectOf(e), theme, severity, e.Timestamp, evidence);
        }
        return null;
    }

    private static AlertSubject SubjectOf(NetEvent e)
    {
        var person = e.UserName ?? e.Finding?.RelatedUser;
        if (person is not null)
            return new AlertSubject { Person = person, Role = e.Attribution?.Roles.FirstOrDefault(), Group = e.Attribution?.GroupName };
        return new AlertSubject { Device = e.Attribution?.DeviceName ?? e.Finding?.RelatedDevice ?? e.Finding?.RelatedMac, Ip = e.SourceIp ?? e.Finding?.RelatedIp };
    }
}
