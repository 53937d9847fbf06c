using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

/// <summary>
/// <c>alerts:</c> in a policy file: what raises an alert for the DSL (issue 15), each rule citing its clause.
/// <code>
/// alerts:
///   hours_role: staff                     # whose working hours are "in hours" (default: the first staff role)
///   rules:
///     - { id: safeguarding, clause: "9.3", when: { safeguarding: true, min_severity: 2 } }
///     - { id: social-media, clause: "5.3", when: { categories: [social_networks] }, severity: 2, theme: social-media }
///     - { id: shared-password, clause: "6.1", when: { finding: [shared-password] }, severity: 3 }
/// </code>
/// A school that writes nothing gets every safeguarding match (<see cref="AlertRules.Default"/>).
/// </summary>
public static partial class PolicyParser
{
    static readonly string[] AlertKeys = ["hours_role", "rules"];
    static readonly string[] AlertRuleKeys = ["id", "clause", "when", "severity", "theme", "note"];
    static readonly string[] AlertWhenKeys = ["safeguarding", "min_severity", "categories", "finding"];
    static readonly string[] KnownFindingKinds =
        [FindingKinds.ConcurrentLogon, FindingKinds.SharedPassword, FindingKinds.UnregisteredHardware, FindingKinds.UnattributedVolume];

    static (AlertRules Rules, string? HoursRole) ReadAlerts(YamlReader r, YamlNode node, IReadOnlyDictionary<string, RoleSchedule> roles)
    {
        var written = new List<AlertRule>();
        string? hoursRole = null;
        if (r.Mapping(node, "alerts") is not { } map) return (AlertRules.Default, null);
        foreach (var (key, _, value) in r.Entries(map, "alerts", AlertKeys))
        {
            if (key == "hours_role")
            {
                hoursRole = r.Scalar(value, "alerts.hours_role");
                if (hoursRole is not null && roles.Count > 0 && !roles.ContainsKey(hoursRole))
                    r.Error(value, $"alerts.hours_role '{hoursRole}' is not one of the roles defined ({string.Join(", ", roles.Keys)})");
            }
            else if (r.Sequence(value, "alerts.rules") is { } seq)
            {
                var ids = new HashSet<string>();
                foreach (var item in seq.Children)
                    if (ReadAlertRule(r, item, ids) is { } rule) written.Add(rule);
            }
        }
        return (AlertRules.WithDefaults(written), hoursRole);
    }

    static AlertRule? ReadAlertRule(YamlReader r, YamlNode item, HashSet<string> ids)
    {
        if (r.Mapping(item, "each alert rule") is not { } map) return null;
        var errors = r.Errors.Count;
        string? id = null, clause = null, theme = null;
        int? severity = null, minSeverity = null;
        AlertRuleKind? kind = null;
        var matches = new List<string>();
        foreach (var (key, _, value) in r.Entries(map, "alert rule", AlertRuleKeys))
        {
            switch (key)
            {
                case "id":
                    id = r.Scalar(value, "alert rule id");
                    if (id is not null && !IsIdentifier(id)) r.Error(value, $"alert rule id '{id}' may use only lower-case letters, digits, '-' and '_'");
                    else if (id is not null && !ids.Add(id)) r.Error(value, $"alert rule id '{id}' is used twice");
                    break;
                case "clause": clause = r.Scalar(value, "alert rule clause"); break;
                case "theme": theme = r.Scalar(value, "alert rule theme"); break;
                case "note": r.Scalar(value, "alert rule note"); break;
                case "severity": severity = Severity(r, value, "alert rule severity"); break;
                case "when":
                    if (r.Mapping(value, "alert rule when") is not { } when) break;
                    foreach (var (w, wNode, wValue) in r.Entries(when, "alert rule when", AlertWhenKeys))
                    {
                        AlertRuleKind? k = null;
                        switch (w)
                        {
                            case "safeguarding":
                                if (r.Bool(wValue, "when.safeguarding") == false) r.Error(wValue, "when.safeguarding: only 'true' raises alerts; leave the rule out instead");
                                k = AlertRuleKind.Safeguarding;
                                break;
                            case "min_severity": minSeverity = Severity(r, wValue, "when.min_severity"); break;
                            case "categories":
                                k = AlertRuleKind.Category;
                                foreach (var (cat, n) in r.StringList(wValue, "when.categories"))
                                    if (IsIdentifier(cat)) { matches.Add(cat); r.MentionCategory(cat, n); }
                                    else r.Error(n, $"category '{cat}' may use only lower-case letters, digits, '-' and '_'");
                                break;
                            case "finding":
                                k = AlertRuleKind.Finding;
                                foreach (var (f, n) in r.StringList(wValue, "when.finding"))
                                    if (KnownFindingKinds.Contains(f)) matches.Add(f);
                                    else r.Error(n, $"finding '{f}' is not one of {string.Join(", ", KnownFindingKinds)}");
                                break;
                        }
                        if (k is null) continue;
                        if (kind is not null) r.Error(wNode, "an alert rule matches one thing: safeguarding, categories or finding");
                        kind = k;
                    }
                    break;
            }
        }
        var label = id is null ? "alert rule" : $"alert rule '{id}'";
        if (id is null) r.Error(map, $"{label}: missing 'id'");
        if (clause is null) r.Error(map, $"{label}: missing 'clause' (every rule cites the clause of the written policy it implements)");
        if (kind is null) r.Error(map, $"{label}: missing 'when' with safeguarding, categories or finding");
        if (kind == AlertRuleKind.Safeguarding && severity is not null)
            r.Error(map, $"{label}: a safeguarding rule takes the severity of the phrase that matched; use when.min_severity");
        if (kind is AlertRuleKind.Category or AlertRuleKind.Finding && minSeverity is not null)
            r.Error(map, $"{label}: min_severity applies to safeguarding rules; give this rule a 'severity'");
        if (r.Errors.Count > errors || id is null || clause is null || kind is null) return null;
        return new AlertRule
        {
            Id = id, Clause = clause, Kind = kind.Value, Matches = matches, Severity = severity ?? 1, MinSeverity = minSeverity ?? 1,
            Theme = theme, Line = (int)map.Start.Line,
        };
    }

    static int? Severity(YamlReader r, YamlNode node, string what)
    {
        var n = r.NonNegativeInt(node, what);
        if (n is < 1 or > 5) { r.Error(node, $"{what} must be from 1 to 5, found {n}"); return null; }
        return n;
    }
}
