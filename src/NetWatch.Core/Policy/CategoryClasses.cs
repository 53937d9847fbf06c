namespace NetWatch.Core.Policy;

/// <summary>The four category classes of a policy, each a set of category names (UT1 names: social_networks, webmail, ...).</summary>
public sealed record CategoryClasses
{
    public const string Work = "work";
    public const string Personal = "personal";
    public const string Prohibited = "prohibited";
    public const string Safeguarding = "safeguarding";
    public static readonly IReadOnlyList<string> Names = [Work, Personal, Prohibited, Safeguarding];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Classes { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyList<string> Of(string className) =>
        Classes.TryGetValue(className, out var list) ? list : [];

    /// <summary>The classes a category belongs to (a category may be in one class only; validation checks).</summary>
    public string? ClassOf(string category) =>
        Classes.FirstOrDefault(kv => kv.Value.Contains(category)).Key;
}
