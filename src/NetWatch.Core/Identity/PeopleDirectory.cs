namespace NetWatch.Core.Identity;

/// <summary>
/// Finds people by any name the logs may use: the user name or an alias, case-insensitively, and
/// <c>DOMAIN\user</c> (also with the backslash doubled, as Squid logs it, or %5C-encoded) or
/// <c>user@suffix</c> when the domain or suffix is one the directory's aliases use.
/// </summary>
public sealed class PeopleDirectory
{
    public static readonly PeopleDirectory Empty = new([]);

    private readonly Dictionary<string, Person> _byName = new(StringComparer.OrdinalIgnoreCase);
    // Squid lower-cases names, so most logged names match a lower-case key exactly; an ordinal
    // dictionary answers those faster (non-randomised hashing) before the case-insensitive one is asked.
    private readonly Dictionary<string, Person> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly HashSet<string> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _suffixes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _domainLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _suffixLookup;

    public IReadOnlyList<Person> People { get; }

    /// <summary>People must have distinct names and aliases (the CSV parser checks that and reports the line).</summary>
    public PeopleDirectory(IEnumerable<Person> people)
    {
        People = people.ToList();
        foreach (var p in People)
        {
            _byName[p.UserName] = p;
            foreach (var alias in p.Aliases)
            {
                _byName[alias] = p;
                var slash = alias.IndexOf('\\');
                if (slash > 0) _domains.Add(alias[..slash]);
                var at = alias.LastIndexOf('@');
                if (at > 0) _suffixes.Add(alias[(at + 1)..]);
            }
        }
        foreach (var (name, person) in _byName)
        {
            _exact.TryAdd(name, person);
            _exact.TryAdd(name.ToLowerInvariant(), person);
        }
        // NTLM / Negotiate logins arrive as DOMAIN\user, the backslash doubled by Squid: the forms FindQualified
        // would resolve for each person's user name, so that such a login is one lookup. Aliases keep precedence.
        foreach (var domain in _domains.SelectMany(d => new[] { d, d.ToLowerInvariant() }).Distinct(StringComparer.Ordinal))
            foreach (var p in People)
            {
                _exact.TryAdd($"{domain}\\{p.UserName}", p);
                _exact.TryAdd($"{domain}\\\\{p.UserName}", p);
            }
        _lookup = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        _domainLookup = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
        _suffixLookup = _suffixes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Person? Find(string? loggedName) =>
        loggedName is null ? null : _exact.TryGetValue(loggedName, out var person) ? person : Find(loggedName.AsSpan());

    public Person? Find(ReadOnlySpan<char> loggedName)
    {
        loggedName = loggedName.Trim();
        if (loggedName.IsEmpty) return null;
        if (_lookup.TryGetValue(loggedName, out var person)) return person;
        return FindQualified(loggedName);
    }

    private Person? FindQualified(ReadOnlySpan<char> name)
    {
        // Most names have none of these: one scan settles it.
        if (name.IndexOfAny('\\', '%', '@') < 0) return null;
        var backslash = name.IndexOf('\\');
        if (backslash > 0)
        {
            var user = name[(name.LastIndexOf('\\') + 1)..];
            return _domainLookup.Contains(name[..backslash]) && _lookup.TryGetValue(user, out var p) ? p : null;
        }
        var encoded = name.IndexOf("%5c", StringComparison.OrdinalIgnoreCase);
        if (encoded > 0)
        {
            var user = name[(encoded + 3)..];
            return _domainLookup.Contains(name[..encoded]) && _lookup.TryGetValue(user, out var p) ? p : null;
        }
        var at = name.LastIndexOf('@');
        if (at > 0)
        {
            return _suffixLookup.Contains(name[(at + 1)..]) && _lookup.TryGetValue(name[..at], out var p) ? p : null;
        }
        return null;
    }
}
