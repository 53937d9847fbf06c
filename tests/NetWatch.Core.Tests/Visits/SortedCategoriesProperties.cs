using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Visits;

namespace NetWatch.Core.Tests.Visits;

/// <summary>The visit's categories without a set agree with the set they replaced: a sorted (ordinal), distinct union.</summary>
public class SortedCategoriesProperties
{
    // Few values, mixed case, so lists repeat, overlap and sort differently ordinally than by culture.
    private static readonly Gen<string> Category = Gen.Elements("games", "Games", "news", "adult", "a", "b", "B", "search-engines");
    private static readonly Arbitrary<string[][]> Lists = Category.ArrayOf().ArrayOf().ToArbitrary();

    private static List<string> BySet(IEnumerable<string[]> lists) =>
        new SortedSet<string>(lists.SelectMany(l => l), StringComparer.Ordinal).ToList();

    [Property(MaxTest = 2000)]
    public Property Union_of_the_requests_lists_is_the_sorted_set_of_them() => Prop.ForAll(Lists, lists =>
    {
        IReadOnlyList<string> folded = lists.Length == 0 ? [] : SortedCategories.Of(lists[0]);
        foreach (var more in lists.Skip(1)) folded = SortedCategories.Union(folded, more);
        return folded.SequenceEqual(BySet(lists));
    });

    [Fact]
    public void A_sorted_distinct_list_is_shared_not_copied()
    {
        string[] sorted = ["adult", "games"];
        Assert.Same(sorted, SortedCategories.Of(sorted));
        Assert.Same(sorted, SortedCategories.Union(sorted, ["games"]));
        Assert.Equal(["adult", "games", "news"], SortedCategories.Union(sorted, ["news", "adult"]));
        Assert.Equal(["a", "b"], SortedCategories.Of(["b", "a", "b"]));
    }
}
