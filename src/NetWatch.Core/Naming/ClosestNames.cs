namespace NetWatch.Core.Naming;

/// <summary>
/// The known names closest to a name that is not known, for "did you mean" in error messages (a misspelled policy
/// category, an export for a user the store does not hold). Case-insensitive: a known name that contains the
/// wanted one (or is contained in it) comes first, then names within a few edits (optimal string alignment:
/// insertions, deletions, substitutions and swaps of neighbours), nearest first, ties in ordinal order.
/// </summary>
public static class ClosestNames
{
    public static IReadOnlyList<string> Find(string wanted, IEnumerable<string> known, int max = 3)
    {
        var w = wanted.ToLowerInvariant();
        var limit = Math.Max(2, w.Length / 3);
        return known
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name =>
            {
                var k = name.ToLowerInvariant();
                var contains = w.Length >= 3 && (k.Contains(w, StringComparison.Ordinal) || (k.Length >= 3 && w.Contains(k, StringComparison.Ordinal)));
                return (Name: name, Distance: contains ? 0 : Distance(w, k));
            })
            .Where(c => c.Distance <= limit && !c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(c => c.Name)
            .ToList();
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus swaps of two neighbouring characters).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>"; closest: a, b, c", or "" when nothing is close (for the end of an error message).</summary>
    public static string Suggestion(string wanted, IEnumerable<string> known) =>
        Find(wanted, known) is { Count: > 0 } close ? "; closest: " + string.Join(", ", close) : "";
}
