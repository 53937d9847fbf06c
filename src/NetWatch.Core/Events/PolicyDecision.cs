namespace NetWatch.Core.Events;

/// <summary>netwatch.policy.*: the verdict of the school's policy on one event.</summary>
public sealed record PolicyDecision
{
    /// <summary>netwatch.policy.verdict: work, personal-break, personal-working-hours, prohibited, safeguarding, unclassified</summary>
    public required string Verdict { get; init; }
    /// <summary>netwatch.policy.rule: the id of the rule that decided</summary>
    public string? Rule { get; init; }
    /// <summary>netwatch.policy.clause: the clause of the written policy that rule implements</summary>
    public string? Clause { get; init; }
    /// <summary>netwatch.policy.name: which policy file (school) judged it</summary>
    public string? PolicyName { get; init; }
}
