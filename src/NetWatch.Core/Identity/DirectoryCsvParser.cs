namespace NetWatch.Core.Identity;

/// <summary>
/// Reads the directory CSV export: a header row, then one person per row. Columns (any order; header
/// spellings in <see cref="Columns"/>): username, aliases (separated by ';' or '|'), display name, role
/// (staff / pupil / visitor / contractor), group (department or year group), working pattern id.
/// </summary>
public static class DirectoryCsvParser
{
    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["username"] = ["username", "user_name", "user", "login", "samaccountname"],
        ["role"] = ["role", "type"],
        ["?aliases"] = ["aliases", "alias"],
        ["?display_name"] = ["display_name", "displayname", "full_name", "name"],
        ["?group"] = ["group", "department", "year_group", "yeargroup", "department_or_year"],
        ["?working_pattern"] = ["working_pattern", "working_pattern_id", "pattern"],
    };

    public static ReferenceParseResult<PeopleDirectory> Parse(string source, IEnumerable<string> lines)
    {
        var table = CsvTable.Read(source, lines, Columns);
        var errors = table.Errors;
        var people = new List<Person>();
        var owners = new Dictionary<string, (string User, long Line)>(StringComparer.OrdinalIgnoreCase);
        var rolesShared = PersonRoles.All.ToDictionary(r => r, r => (IReadOnlyList<string>)[r]);
        var patternRoles = new Dictionary<(string, string), IReadOnlyList<string>>();

        foreach (var (line, fields) in table.Rows)
        {
            var user = table.Get(fields, "username");
            var role = table.Get(fields, "role")?.ToLowerInvariant();
            if (user is null) { errors.Add(new(source, line, "empty username")); continue; }
            if (user.Any(char.IsWhiteSpace)) { errors.Add(new(source, line, $"username '{user}' contains a space")); continue; }
            if (role is null || !rolesShared.ContainsKey(role))
            {
                errors.Add(new(source, line, $"role '{role}' is not one of {string.Join(", ", PersonRoles.All)}"));
                continue;
            }
            var aliases = (table.Get(fields, "aliases") ?? "")
                .Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToList();
            var clash = false;
            foreach (var name in aliases.Prepend(user).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (owners.TryGetValue(name, out var first))
                {
                    errors.Add(new(source, line, $"name '{name}' is already used by '{first.User}' on line {first.Line}"));
                    clash = true;
                }
                else owners[name] = (user, line);
            }
            if (clash) continue;
            var pattern = table.Get(fields, "working_pattern");
            // user.roles: the working pattern first, so the policy judges by the schedule of that name (see Person.Roles)
            var roles = pattern is null || pattern == role ? rolesShared[role]
                : patternRoles.TryGetValue((pattern, role), out var shared) ? shared
                : patternRoles[(pattern, role)] = [pattern, role];
            people.Add(new Person
            {
                UserName = user.ToLowerInvariant(),
                FullName = table.Get(fields, "display_name"),
                Role = role,
                Group = table.Get(fields, "group"),
                WorkingPatternId = pattern,
                Aliases = aliases,
                Roles = roles,
            });
        }
        return new(new PeopleDirectory(people), errors);
    }
}
