using NetWatch.Core.Identity;

namespace NetWatch.Core.Policy;

/// <summary>
/// The directory's working patterns pick the policy's schedules (<see cref="Person.Roles"/>): a pattern the policy
/// does not define as a role would silently fall back to the person's role's schedule, so it is an error naming
/// the pattern, its people, both files and the roles the policy has.
/// </summary>
public static class WorkingPatternCheck
{
    public static IReadOnlyList<string> Check(SchoolPolicy policy, string policyFile, PeopleDirectory directory, string directoryFile) =>
        directory.People
            .Where(p => p.WorkingPatternId is { } pattern && !policy.Roles.ContainsKey(pattern))
            .GroupBy(p => p.WorkingPatternId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{directoryFile}: working_pattern '{g.Key}' ({string.Join(", ", g.Select(p => p.UserName).Take(5))}"
                + $"{(g.Count() > 5 ? $" and {g.Count() - 5} more" : "")}) is not a role of the policy {policyFile} "
                + $"(its roles: {string.Join(", ", policy.Roles.Keys)})")
            .ToList();
}
