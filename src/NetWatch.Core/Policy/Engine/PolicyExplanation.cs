using System.Text;
using NetWatch.Core.Events;
using NodaTime;
using NodaTime.Text;

namespace NetWatch.Core.Policy.Engine;

/// <summary>One rule tried while deciding, and the condition it failed on (None: it decided).</summary>
public sealed record RuleStep(PolicyRule Rule, RuleMiss Miss);

/// <summary>How one event's verdict was reached: local time, role, period of the day, categories, the rules tried.</summary>
public sealed record PolicyExplanation
{
    public required string PolicyName { get; init; }
    public required Instant Instant { get; init; }
    public required TimeContext Time { get; init; }
    public required string Role { get; init; }
    public required string RoleReason { get; init; }
    public required IReadOnlyList<(string Category, string? Class)> Categories { get; init; }
    public string? SafeguardingTheme { get; init; }
    public required IReadOnlyList<string> AllowMatches { get; init; }
    public required IReadOnlyList<RuleStep> Steps { get; init; }
    public required PolicyDecision Decision { get; init; }

    static string Clock(int s) => s >= 86400 ? "24:00" : $"{s / 3600:00}:{s / 60 % 60:00}";

    static string MissText(RuleMiss m) => m switch
    {
        RuleMiss.Time => "time of day does not match",
        RuleMiss.Role => "role not listed",
        RuleMiss.RoleKind => "role kind differs",
        RuleMiss.Safeguarding => "safeguarding theme condition not met",
        RuleMiss.Uncategorised => "categorised/uncategorised condition not met",
        RuleMiss.Category => "no matching category",
        RuleMiss.Allow => "URL is not on the allow-list",
        _ => "MATCHED",
    };

    public string ToText()
    {
        var sb = new StringBuilder();
        var t = Time;
        sb.AppendLine($"policy:     {PolicyName}");
        sb.AppendLine($"instant:    {InstantPattern.ExtendedIso.Format(Instant)}");
        sb.AppendLine($"local time: {LocalDateTimePattern.ExtendedIso.Format(t.Local)} ({t.Local.DayOfWeek}, UTC{t.Offset})");
        sb.AppendLine($"day:        {DayKinds.Name(t.DayKind)}{(t.RoleWorksToday ? "" : " (the role does not work on this kind of day)")}");
        sb.AppendLine($"role:       {Role} ({RoleReason})");
        sb.AppendLine($"period:     {PeriodKinds.Name(t.Period)}{(t.BreakName is null ? "" : $" '{t.BreakName}'")} {Clock(t.SegmentStartSecond)}-{Clock(t.SegmentEndSecond)}");
        sb.AppendLine($"categories: {(Categories.Count == 0 ? "(none)" : string.Join(", ", Categories.Select(c => $"{c.Category} [{c.Class ?? "no class"}]")))}");
        if (SafeguardingTheme is not null) sb.AppendLine($"safeguarding theme: {SafeguardingTheme}");
        if (AllowMatches.Count > 0) sb.AppendLine($"allow-lists: {string.Join(", ", AllowMatches)}");
        sb.AppendLine("rules tried:");
        foreach (var s in Steps)
            sb.AppendLine($"  {(s.Miss == RuleMiss.None ? "=>" : "  ")} {s.Rule.Id} [{s.Rule.Clause}] -> {s.Rule.Verdict}: {MissText(s.Miss)}");
        if (Decision.Rule == PolicyEngine.NoRuleMatchedId) sb.AppendLine("  => no rule matched");
        sb.AppendLine($"verdict:    {Decision.Verdict} (rule {Decision.Rule}, clause {Decision.Clause ?? "-"})");
        return sb.ToString();
    }
}
