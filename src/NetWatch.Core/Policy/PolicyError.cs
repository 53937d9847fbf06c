namespace NetWatch.Core.Policy;

/// <summary>
/// A problem in a policy file: file (display name), 1-based line and column, and what is wrong. Line 0: the problem is
/// the file's as a whole (it cannot be read), printed without a line.
/// </summary>
public sealed record PolicyError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>The outcome of parsing: a policy, or the errors (all of them, in file order).</summary>
public sealed record PolicyParseResult(SchoolPolicy? Policy, IReadOnlyList<PolicyError> Errors)
{
    public bool Success => Policy is not null && Errors.Count == 0;
}
