using NetWatch.Core.Events;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The categories of a URL over several list sets (e.g. UT1, then the school's own), with local overrides.
/// Precedence, applied in list-set order (the order given on the command line):
/// <list type="number">
/// <item>each list set adds the categories its lists match;</item>
/// <item>a list set's <c>allow</c> list (a folder named <c>allow</c> with <c>domains</c>/<c>urls</c>) removes every
/// category found by the list sets BEFORE it, and <c>allow/&lt;category&gt;</c> removes only that category;</item>
/// <item>a list set never removes its own categories nor those of later sets, so a later set can deny again what
/// an earlier allow let through: the last word is the last list set's.</item>
/// </list>
/// The result is ordinal-sorted without duplicates: a stable order whatever the list order.
/// </summary>
public sealed class UrlCategorizer
{
    public const string AllowCategory = "allow";
    public const string AllowPrefix = "allow/";

    private readonly CategoryMatcher[] _sets;

    [ThreadStatic] private static List<int>? _scratch;

    public UrlCategorizer(IEnumerable<CategoryMatcher> listSets) => _sets = listSets.ToArray();

    public IReadOnlyList<CategoryMatcher> ListSets => _sets;

    /// <summary>Matches of the lists' expressions (UT1's <c>expressions</c> files) abandoned at their time limit and
    /// counted as no match, since the process started (the service's /metrics reports it).</summary>
    public static long ExpressionTimeouts => CategoryExpression.Timeouts;

    public IReadOnlyList<string> Categorize(UrlParts url)
    {
        List<string>? result = null;
        var ids = _scratch ??= new List<int>(8);
        foreach (var set in _sets)
        {
            ids.Clear();
            set.Collect(url, ids);
            if (ids.Count == 0) continue;
            result ??= [];
            // Allows first (they act on earlier sets only), then this set's own categories.
            foreach (var id in ids)
            {
                var name = set.Categories[id];
                if (name == AllowCategory) result.Clear();
                else if (name.StartsWith(AllowPrefix, StringComparison.Ordinal)) result.Remove(name[AllowPrefix.Length..]);
            }
            foreach (var id in ids)
            {
                var name = set.Categories[id];
                if (name == AllowCategory || name.StartsWith(AllowPrefix, StringComparison.Ordinal)) continue;
                if (!result.Contains(name)) result.Add(name);
            }
        }
        if (result is null || result.Count == 0) return [];
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
