namespace NetWatch.Core.Policy;

/// <summary>One rule: the first rule (in file order) whose condition holds decides the verdict.</summary>
public sealed record PolicyRule
{
    public required string Id { get; init; }
    /// <summary>The clause of the written policy this rule implements, e.g. "5.5(d)".</summary>
    public required string Clause { get; init; }
    public required string Verdict { get; init; }
    public required RuleCondition When { get; init; }
    public string? Note { get; init; }
    public int Line { get; init; }
}
