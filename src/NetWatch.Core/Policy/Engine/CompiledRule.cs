using NetWatch.Core.Events;

namespace NetWatch.Core.Policy.Engine;

/// <summary>A rule's condition as masks, and the decision it gives (allocated once).</summary>
internal readonly struct CompiledRule
{
    public readonly PolicyRule Rule;
    public readonly PolicyDecision Decision;
    public readonly ulong CategoryMask;     // 0 with HasCategoryCondition: names nothing the policy knows
    public readonly bool HasCategoryCondition;
    public readonly sbyte Safeguarding;     // -1 any, 0 must have no theme, 1 must have a theme
    public readonly sbyte Uncategorised;    // -1 any, 0 must have categories, 1 must have none
    public readonly uint AllowMask;         // 0: no allow condition
    public readonly PeriodKind Time;
    public readonly ulong RoleMask;         // 0: any role
    public readonly sbyte RoleKind;         // -1: any kind

    public CompiledRule(PolicyRule rule, string policyName, CategoryMask categories, CategoryClasses classes,
        IReadOnlyList<string> allowListNames, IReadOnlyList<string> roleNames)
    {
        Rule = rule;
        Decision = new PolicyDecision { Verdict = rule.Verdict, Rule = rule.Id, Clause = rule.Clause, PolicyName = policyName };
        var w = rule.When;
        HasCategoryCondition = w.HasCategoryCondition;
        CategoryMask = categories.Of(w.Categories.Concat(w.Classes.SelectMany(classes.Of)));
        Safeguarding = w.Safeguarding is null ? (sbyte)-1 : w.Safeguarding.Value ? (sbyte)1 : (sbyte)0;
        Uncategorised = w.Uncategorised is null ? (sbyte)-1 : w.Uncategorised.Value ? (sbyte)1 : (sbyte)0;
        foreach (var a in w.AllowLists) AllowMask |= 1u << allowListNames.ToList().IndexOf(a);
        Time = w.Time;
        foreach (var r in w.Roles) RoleMask |= 1UL << roleNames.ToList().IndexOf(r);
        RoleKind = w.RoleKind is null ? (sbyte)-1 : (sbyte)w.RoleKind.Value;
    }

    /// <summary>The first condition that fails, or None. Allow-lists are matched last and only when needed.</summary>
    public RuleMiss Check(in EventFacts f, ref AllowMatches allow)
    {
        if ((Time & f.Period) == 0) return RuleMiss.Time;
        if (RoleMask != 0 && (RoleMask & (1UL << f.RoleIndex)) == 0) return RuleMiss.Role;
        if (RoleKind >= 0 && RoleKind != (sbyte)f.RoleKind) return RuleMiss.RoleKind;
        if (Safeguarding >= 0 && (Safeguarding == 1) != f.HasSafeguardingTheme) return RuleMiss.Safeguarding;
        if (Uncategorised >= 0 && (Uncategorised == 1) != !f.HasCategories) return RuleMiss.Uncategorised;
        if (HasCategoryCondition && (CategoryMask & f.CategoryMask) == 0) return RuleMiss.Category;
        if (AllowMask != 0 && (AllowMask & allow.Get()) == 0) return RuleMiss.Allow;
        return RuleMiss.None;
    }
}
