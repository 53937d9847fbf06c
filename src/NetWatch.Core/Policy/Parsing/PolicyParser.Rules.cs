using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.Policy.Parsing;

public static partial class PolicyParser
{
    static readonly string[] RuleKeys = ["id", "clause", "verdict", "when", "note"];
    static readonly string[] WhenKeys = ["class", "categories", "safeguarding", "uncategorised", "allow", "time", "roles", "role_kind"];

    static List<PolicyRule> ReadRules(YamlReader r, YamlSequenceNode seq,
        IReadOnlyDictionary<string, RoleSchedule> roles, IReadOnlyDictionary<string, AllowList> allowLists)
    {
        var rules = new List<PolicyRule>();
        var ids = new HashSet<string>();
        foreach (var item in seq.Children)
        {
            if (r.Mapping(item, "each rule") is not { } map) continue;
            string? id = null, clause = null, verdict = null, note = null;
            RuleCondition? when = null;
            var ok = true;
            foreach (var (key, _, value) in r.Entries(map, "rule", RuleKeys))
            {
                switch (key)
                {
                    case "id":
                        id = r.Scalar(value, "rule id");
                        if (id is not null && !IsIdentifier(id)) { r.Error(value, $"rule id '{id}' may use only lower-case letters, digits, '-' and '_'"); ok = false; }
                        else if (id is not null && !ids.Add(id)) { r.Error(value, $"rule id '{id}' is used twice"); ok = false; }
                        break;
                    case "clause": clause = r.Scalar(value, "rule clause"); break;
                    case "note": note = r.Scalar(value, "rule note"); break;
                    case "verdict":
                        verdict = r.Scalar(value, "rule verdict");
                        if (verdict is not null && !Verdicts.IsKnown(verdict))
                        { r.Error(value, $"verdict '{verdict}' is not one of {string.Join(", ", Verdicts.All)}"); ok = false; }
                        break;
                    case "when": when = ReadWhen(r, id ?? "?", value, roles, allowLists, ref ok); break;
                }
            }
            var label = id is null ? "rule" : $"rule '{id}'";
            foreach (var required in new[] { "id", "clause", "verdict" })
                if (YamlReader.Get(map, required) is null)
                {
                    r.Error(map, required == "clause"
                        ? $"{label}: missing 'clause' (every rule cites the clause of the written policy it implements)"
                        : $"{label}: missing '{required}'");
                    ok = false;
                }
            if (!ok || id is null || clause is null || verdict is null) continue;
            rules.Add(new PolicyRule { Id = id, Clause = clause, Verdict = verdict, When = when ?? new RuleCondition(), Note = note, Line = (int)map.Start.Line });
        }
        return rules;
    }

    static RuleCondition? ReadWhen(YamlReader r, string id, YamlNode node,
        IReadOnlyDictionary<string, RoleSchedule> roles, IReadOnlyDictionary<string, AllowList> allowLists, ref bool ok)
    {
        if (r.Mapping(node, $"rule '{id}' when") is not { } map) { ok = false; return null; }
        var c = new RuleCondition();
        var errorsBefore = r.Errors.Count;
        foreach (var (key, _, value) in r.Entries(map, $"rule '{id}' when", WhenKeys))
        {
            switch (key)
            {
                case "class":
                    var classes = new List<string>();
                    foreach (var (cls, n) in r.StringList(value, $"rule '{id}' class"))
                        if (CategoryClasses.Names.Contains(cls)) classes.Add(cls);
                        else r.Error(n, $"rule '{id}': class '{cls}' is not one of {string.Join(", ", CategoryClasses.Names)}");
                    c = c with { Classes = classes };
                    break;
                case "categories":
                    var cats = new List<string>();
                    foreach (var (cat, n) in r.StringList(value, $"rule '{id}' categories"))
                        if (IsIdentifier(cat)) { cats.Add(cat); r.MentionCategory(cat, n); }
                        else r.Error(n, $"rule '{id}': category '{cat}' may use only lower-case letters, digits, '-' and '_'");
                    c = c with { Categories = cats };
                    break;
                case "safeguarding": c = c with { Safeguarding = r.Bool(value, $"rule '{id}' safeguarding") }; break;
                case "uncategorised": c = c with { Uncategorised = r.Bool(value, $"rule '{id}' uncategorised") }; break;
                case "allow":
                    var lists = new List<string>();
                    foreach (var (list, n) in r.StringList(value, $"rule '{id}' allow"))
                        if (allowLists.ContainsKey(list)) lists.Add(list);
                        else r.Error(n, $"rule '{id}': allow-list '{list}' is not defined under allow_lists");
                    c = c with { AllowLists = lists };
                    break;
                case "time":
                    PeriodKind time = 0;
                    foreach (var (t, n) in r.StringList(value, $"rule '{id}' time"))
                        if (PeriodKinds.TryParse(t, out var k)) time |= k;
                        else r.Error(n, $"rule '{id}': time '{t}' is not one of working, break, outside, not-working, any");
                    c = c with { Time = time == 0 ? PeriodKinds.Any : time };
                    break;
                case "roles":
                    var names = new List<string>();
                    foreach (var (role, n) in r.StringList(value, $"rule '{id}' roles"))
                        if (roles.ContainsKey(role)) names.Add(role);
                        else r.Error(n, $"rule '{id}': role '{role}' is not defined under roles");
                    c = c with { Roles = names };
                    break;
                case "role_kind":
                    var rk = r.Scalar(value, $"rule '{id}' role_kind");
                    if (rk == "staff") c = c with { RoleKind = RoleKind.Staff };
                    else if (rk == "pupil") c = c with { RoleKind = RoleKind.Pupil };
                    else if (rk is not null) r.Error(value, $"rule '{id}': role_kind must be staff or pupil, found '{rk}'");
                    break;
            }
        }
        if (r.Errors.Count > errorsBefore) ok = false;
        return c;
    }
}
