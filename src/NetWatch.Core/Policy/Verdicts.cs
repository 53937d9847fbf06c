namespace NetWatch.Core.Policy;

/// <summary>The values of netwatch.policy.verdict, and their order of severity (for visits and reports).</summary>
public static class Verdicts
{
    public const string Work = "work";
    public const string PersonalBreak = "personal-break";
    public const string PersonalWorkingHours = "personal-working-hours";
    public const string Prohibited = "prohibited";
    public const string Safeguarding = "safeguarding";
    public const string Unclassified = "unclassified";

    public static readonly IReadOnlyList<string> All =
        [Work, PersonalBreak, PersonalWorkingHours, Prohibited, Safeguarding, Unclassified];

    public static bool IsKnown(string verdict) => All.Contains(verdict);

    /// <summary>Higher is more serious: unclassified &lt; work &lt; personal-break &lt; personal-working-hours &lt; prohibited &lt; safeguarding.</summary>
    public static int Severity(string? verdict) => verdict switch
    {
        Work => 1,
        PersonalBreak => 2,
        PersonalWorkingHours => 3,
        Prohibited => 4,
        Safeguarding => 5,
        _ => 0,
    };

    public static bool IsPersonal(string? verdict) => verdict is PersonalBreak or PersonalWorkingHours;
}
