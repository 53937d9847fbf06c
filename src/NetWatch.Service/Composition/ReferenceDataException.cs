namespace NetWatch.Service.Composition;

/// <summary>Reference data (category lists, policy, attribution files) that cannot be used; <see cref="Setting"/> names what gave it.</summary>
public sealed class ReferenceDataException(string setting, string problem) : Exception(problem)
{
    /// <summary>"lists", "policy" or "attribution": the caller says it as its flag or key.</summary>
    public string Setting { get; } = setting;
}
