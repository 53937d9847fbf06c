using System.Text;
using NodaTime;

namespace NetWatch.Core.Policy;

/// <summary>A readable summary of a policy, for <c>netwatch policy check</c>.</summary>
public static class PolicySummary
{
    public static string ToText(SchoolPolicy p)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"policy {p.Name}{(p.Title is null ? "" : ": " + p.Title)}");
        if (p.Source is not null) sb.AppendLine($"  written from: {p.Source}");
        sb.AppendLine($"  time zone: {p.TimeZone.Id}; default role (no attribution): {p.DefaultRole}");

        sb.AppendLine("roles:");
        foreach (var r in p.Roles.Values)
        {
            var works = string.Join(", ", r.WorksOn.Order().Select(DayKinds.Name));
            sb.AppendLine($"  {r.Name} ({(r.Kind == RoleKind.Staff ? "staff" : "pupil")}; works on {works}){(r.Description is null ? "" : ": " + r.Description)}");
            foreach (var (days, schedule) in GroupDays(r))
                sb.AppendLine($"    {days,-8} {Describe(schedule)}");
        }

        var c = p.Calendar;
        sb.AppendLine(c.Terms.Count == 0
            ? "calendar: none (every date is treated as term)"
            : $"calendar: {c.Terms.Count} terms {c.First:yyyy-MM-dd} to {c.Last:yyyy-MM-dd}, {c.Closures.Count} closures, "
              + $"{c.InsetDays.Count} INSET days, {c.BankHolidays.Count} bank holidays (dates outside that span count as term)");

        sb.AppendLine("categories:");
        foreach (var cls in CategoryClasses.Names)
            sb.AppendLine($"  {cls,-13} {(p.Categories.Of(cls) is { Count: > 0 } l ? string.Join(", ", l) : "-")}");
        if (p.AllowLists.Count > 0)
        {
            sb.AppendLine("allow-lists:");
            foreach (var a in p.AllowLists.Values) sb.AppendLine($"  {a.Name}: {string.Join(", ", a.Entries)}");
        }
        var t = p.Thresholds;
        if (t.PersonalWorkingHoursMinutesPerDay is { } d)
            sb.AppendLine($"threshold: personal use in working hours above {d.Minutes} min a day [{d.Clause}]");
        if (t.ExcessivePersonalMinutesPerWeek is { } w)
            sb.AppendLine($"threshold: excessive personal use above {w.Minutes} min a week [{w.Clause}]");

        foreach (var (kind, period) in p.Retention)
            sb.AppendLine($"retention: {kind} kept {period.Text} [{period.Clause}]");
        sb.AppendLine("rules (the first that matches decides; otherwise unclassified):");
        var n = 1;
        foreach (var rule in p.Rules)
            sb.AppendLine($"  {n++,2}. {rule.Id} -> {rule.Verdict} when {Describe(rule.When)} [{rule.Clause}]");
        if (p.Assumptions.Count > 0)
        {
            sb.AppendLine("assumptions (where the written policy is silent):");
            foreach (var a in p.Assumptions) sb.AppendLine($"  - {a}");
        }
        return sb.ToString();
    }

    static IEnumerable<(string Days, DaySchedule Schedule)> GroupDays(RoleSchedule r)
    {
        var day = 1;
        while (day <= 7)
        {
            var s = r.Week[day];
            var end = day;
            while (end < 7 && Same(r.Week[end + 1], s)) end++;
            var name = Short(day) + (end > day ? "-" + Short(end) : "");
            yield return (name, s);
            day = end + 1;
        }
    }

    static string Short(int isoDay) => ((IsoDayOfWeek)isoDay).ToString()[..3];

    static bool Same(DaySchedule a, DaySchedule b) =>
        a.Working.SequenceEqual(b.Working) && a.Breaks.SequenceEqual(b.Breaks);

    static string Describe(DaySchedule s) =>
        s.Working.Count == 0 ? "off"
        : string.Join(", ", s.Working) + (s.Breaks.Count == 0 ? "" : "; breaks " + string.Join(", ", s.Breaks.Select(b => $"{b.Name} {b.Interval}")));

    static string Describe(RuleCondition w)
    {
        var parts = new List<string>();
        if (w.Safeguarding is { } sg) parts.Add(sg ? "safeguarding theme" : "no safeguarding theme");
        if (w.Uncategorised is { } u) parts.Add(u ? "no category" : "some category");
        if (w.HasCategoryCondition)
            parts.Add("category in " + string.Join(" or ", w.Classes.Select(c => $"class {c}").Concat(w.Categories)));
        if (w.AllowLists.Count > 0) parts.Add("URL on " + string.Join(" or ", w.AllowLists));
        if (w.Time != PeriodKinds.Any)
            parts.Add("time " + string.Join("/", new[] { PeriodKind.Working, PeriodKind.Break, PeriodKind.Outside }
                .Where(k => (w.Time & k) != 0).Select(PeriodKinds.Name)));
        if (w.Roles.Count > 0) parts.Add("role " + string.Join(" or ", w.Roles));
        if (w.RoleKind is { } rk) parts.Add(rk == RoleKind.Staff ? "staff" : "pupils");
        return parts.Count == 0 ? "always" : string.Join(", ", parts);
    }
}
