using FsCheck.Xunit;
using NetWatch.Core.Naming;

namespace NetWatch.Core.Tests.Naming;

public sealed class ClosestNamesTests
{
    private static readonly string[] Categories = ["social_networks", "adult", "gambling", "games", "shopping", "facebook", "webmail"];

    [Theory]
    [InlineData("facebok", "facebook")]
    [InlineData("gamblng", "gambling")]
    [InlineData("Adlut", "adult")]
    [InlineData("social", "social_networks")]
    public void A_misspelling_finds_the_known_name_first(string wanted, string first) =>
        Assert.Equal(first, ClosestNames.Find(wanted, Categories)[0]);

    [Fact]
    public void Nothing_close_is_nothing() => Assert.Empty(ClosestNames.Find("xylophone", Categories));

    [Property]
    public bool Distance_is_symmetric_and_zero_only_for_equal_strings(string a, string b)
    {
        a ??= "";
        b ??= "";
        var d = ClosestNames.Distance(a, b);
        return d == ClosestNames.Distance(b, a) && (d == 0) == (a == b) && d <= Math.Max(a.Length, b.Length);
    }
}
