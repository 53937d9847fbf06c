using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Parsing;

namespace NetWatch.Pipeline.Reference;

/// <summary>Reads a policy file from disk and hands its text to the pure <see cref="PolicyParser"/>.</summary>
public static class PolicyFileLoader
{
    /// <summary>
    /// Reads and parses a policy file; with <paramref name="knownCategories"/> (the configured lists' names, see
    /// <see cref="CategoryListLoader.CategoryNames"/>) a category the lists lack is an error at its line.
    /// </summary>
    public static PolicyParseResult Load(string path, IReadOnlyCollection<string>? knownCategories = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new PolicyParseResult(null, [new PolicyError(path, 0, 0, $"cannot read the policy file: {ex.Message}")]);
        }
        var result = PolicyParser.Parse(text, path);
        if (!result.Success || knownCategories is null) return result;
        var unknown = PolicyCategoryCheck.Check(result.Policy!, knownCategories, path);
        return unknown.Count == 0 ? result : new PolicyParseResult(null, unknown);
    }
}
