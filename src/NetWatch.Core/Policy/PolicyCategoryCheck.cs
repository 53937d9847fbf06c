using NetWatch.Core.Naming;

namespace NetWatch.Core.Policy;

/// <summary>A category name as a policy file gives it: the name and its 1-based line and column.</summary>
public sealed record CategoryMention(string Name, int Line, int Column);

/// <summary>
/// Checks a policy's category names against the categories the configured lists hold: a name the lists do not
/// have (a misspelling such as <c>facebok</c>) would never match, so it is an error at the file's line, with the
/// closest names the lists do have.
/// </summary>
public static class PolicyCategoryCheck
{
    public static IReadOnlyList<PolicyError> Check(SchoolPolicy policy, IReadOnlyCollection<string> known, string file)
    {
        var set = new HashSet<string>(known, StringComparer.Ordinal);
        return policy.CategoryMentions
            .Where(m => !set.Contains(m.Name))
            .Select(m => new PolicyError(file, m.Line, m.Column,
                $"category '{m.Name}' is not in the configured lists" + ClosestNames.Suggestion(m.Name, known)))
            .ToList();
    }
}
