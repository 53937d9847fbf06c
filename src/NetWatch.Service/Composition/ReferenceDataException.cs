namespace NetWatch.Service.Composition;

/// <summary>Reference data (category lists, policy, attribution files, safeguarding examples) that cannot be used; <see cref="Setting"/> names what gave it.</summary>
public sealed class ReferenceDataException(string setting, string problem) : Exception(problem)
{
    /// <summary>"lists", "policy", "attribution" or "safeguarding_examples": the caller says it as its flag or key.</summary>
    public string Setting { get; } = setting;
}
