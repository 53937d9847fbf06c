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

    /// <summary>Hosts remembered by default (<see cref="HostCategoryMemo"/>): about 10 MB at most.</summary>
    public const int DefaultHostMemoCapacity = 65_536;

    private readonly CategoryMatcher[] _sets;
    private readonly HostCategoryMemo? _memo;
    private readonly Func<string, HostCategoryMemo.Entry> _computeHost;

    [ThreadStatic] private static List<int>? _scratch;
    [ThreadStatic] private static List<string>? _found;

    /// <param name="listSets">The list sets, in precedence order.</param>
    /// <param name="hostMemoCapacity">Hosts whose list verdict is remembered (0: none; every URL is matched whole).</param>
    public UrlCategorizer(IEnumerable<CategoryMatcher> listSets, int hostMemoCapacity = DefaultHostMemoCapacity)
    {
        _sets = listSets.ToArray();
        _memo = hostMemoCapacity > 0 ? new HostCategoryMemo(hostMemoCapacity) : null;
        _computeHost = ComputeHost;
    }

    public IReadOnlyList<CategoryMatcher> ListSets => _sets;

    /// <summary>Matches of the lists' expressions (UT1's <c>expressions</c> files) abandoned at their time limit and
    /// counted as no match, since the process started (the service's /metrics reports it).</summary>
    public static long ExpressionTimeouts => CategoryExpression.Timeouts;

    /// <summary>
    /// The categories of a URL. Most URLs' categories are their host's (no <c>urls</c> entry names the host, no
    /// expression matches the URL): those come from the per-host memo, the same read-only list for every URL of the
    /// host; the others are matched whole. Either way the result is the same (tests compare).
    /// </summary>
    public IReadOnlyList<string> Categorize(UrlParts url)
    {
        var host = url.Domain;
        if (_memo is null || string.IsNullOrEmpty(host)) return CategorizeWhole(url, null);
        var entry = _memo.Get(host, _computeHost);
        if (entry.PathMatters) return CategorizeWhole(url, entry.Categories);
        foreach (var set in _sets)
            if (set.AnyExpressionMatches(url)) return CategorizeWhole(url, entry.Categories);
        return entry.Categories;
    }

    private HostCategoryMemo.Entry ComputeHost(string host)
    {
        List<string>? result = null;
        var ids = _scratch ??= new List<int>(8);
        var pathMatters = false;
        foreach (var set in _sets)
        {
            ids.Clear();
            pathMatters |= set.CollectHostOnly(host, ids);
            Apply(set, ids, ref result);
        }
        return new HostCategoryMemo.Entry(Finish(result, null), pathMatters);
    }

    /// <summary>Every list set's domains, urls and expressions against the whole URL.</summary>
    /// <param name="hostCategories">The host's categories alone, returned when the whole URL's are the same (often:
    /// most of a host's URLs match no urls entry or expression), so that no new list is made.</param>
    private IReadOnlyList<string> CategorizeWhole(UrlParts url, IReadOnlyList<string>? hostCategories)
    {
        List<string>? result = null;
        var ids = _scratch ??= new List<int>(8);
        foreach (var set in _sets)
        {
            ids.Clear();
            set.Collect(url, ids);
            Apply(set, ids, ref result);
        }
        return Finish(result, hostCategories);
    }

    /// <summary>One list set's matches (indexes into its categories) applied to the categories of the sets before it.</summary>
    private static void Apply(CategoryMatcher set, List<int> ids, ref List<string>? result)
    {
        if (ids.Count == 0) return;
        if (result is null)
        {
            // One list per thread, emptied for each URL: Finish copies what it keeps.
            result = _found ??= [];
            result.Clear();
        }
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

    private static IReadOnlyList<string> Finish(List<string>? result, IReadOnlyList<string>? same)
    {
        if (result is null || result.Count == 0) return [];
        result.Sort(StringComparer.Ordinal);
        if (same is not null && result.SequenceEqual(same, StringComparer.Ordinal)) return same;
        return result.ToArray();
    }
}
