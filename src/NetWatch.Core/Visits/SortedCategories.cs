namespace NetWatch.Core.Visits;

/// <summary>
/// A visit's categories as a sorted (ordinal), distinct list, kept without a set: nearly every visit of an import has one
/// request (821,722 visits for 1,000,000 enriched lines), and 88% of them no category, so a set per visit (and the list
/// copied out of it) was most of the fold's allocation. A request's list that is already sorted and distinct is shared,
/// not copied (lists are not changed once an event holds them); a union is built only when a request brings a category
/// the visit does not have.
/// </summary>
internal static class SortedCategories
{
    /// <summary><paramref name="categories"/> sorted and distinct: itself when it already is.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<string>? categories)
    {
        if (categories is null || categories.Count == 0) return [];
        for (var i = 1; i < categories.Count; i++)
            if (string.CompareOrdinal(categories[i - 1], categories[i]) >= 0)
                return categories.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return categories;
    }

    /// <summary>The union of a sorted distinct list and any list: <paramref name="sorted"/> itself when it holds them all.</summary>
    public static IReadOnlyList<string> Union(IReadOnlyList<string> sorted, IReadOnlyList<string>? more)
    {
        if (more is null || more.Count == 0 || ReferenceEquals(sorted, more)) return sorted;
        var missing = false;
        foreach (var c in more)
            if (!Contains(sorted, c)) { missing = true; break; }
        if (!missing) return sorted;
        return sorted.Concat(more).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static bool Contains(IReadOnlyList<string> sorted, string value)
    {
        // A visit's categories are a handful: a scan beats a search.
        foreach (var c in sorted)
            if (string.Equals(c, value, StringComparison.Ordinal)) return true;
        return false;
    }
}
