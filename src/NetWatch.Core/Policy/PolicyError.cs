namespace NetWatch.Core.Policy;

/// <summary>A problem in a policy file: file (display name), 1-based line and column, and what is wrong.</summary>
public sealed record PolicyError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>The outcome of parsing: a policy, or the errors (all of them, in file order).</summary>
public sealed record PolicyParseResult(SchoolPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Success => Policy is not null && Errors.Count == 0;
}
