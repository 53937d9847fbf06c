namespace NetWatch.Core.Identity;

/// <summary>A problem in a reference file (directory, device registry, lease feed): which file, which line, what.</summary>
public sealed record ReferenceError(string Source, long Line, string Problem)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}: {Problem}" : $"{Source}: {Problem}";
}

/// <summary>What a reference parser produced, and every problem it found (a file with errors must not be used).</summary>
public sealed record ReferenceParseResult<T>(T Value, IReadOnlyList<ReferenceError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
