using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>Several list sets and local overrides: later sets have the last word (see <see cref="UrlCategorizer"/>).</summary>
public class UrlCategorizerTests
{
    private static readonly CategoryMatcher Ut1 = Lists.Matcher(
        domains: [("chat", "teams.microsoft.com"), ("chat", "discord.com"), ("social_networks", "discord.com"),
                  ("audio-video", "youtube.com"), ("games", "ttrockstars.com")], name: "ut1");

    private static readonly CategoryMatcher School = Lists.Matcher(
        domains: [("allow", "ttrockstars.com"), ("allow/chat", "teams.microsoft.com"), ("allow", "youtube.com"),
                  ("gambling", "local-casino.example")],
        urls: [("audio-video", "youtube.com/shorts")], name: "school");

    private static IReadOnlyList<string> Categorize(UrlCategorizer c, string url) => c.Categorize(UrlNormalizer.Parse(url));

    [Fact]
    public void Several_list_sets_add_up()
    {
        var c = new UrlCategorizer([Ut1, School]);
        Assert.Equal(["chat", "social_networks"], Categorize(c, "http://discord.com/"));
        Assert.Equal(["gambling"], Categorize(c, "http://www.local-casino.example/"));
    }

    [Fact]
    public void Allow_removes_every_category_of_earlier_sets()
    {
        var c = new UrlCategorizer([Ut1, School]);
        Assert.Empty(Categorize(c, "https://ttrockstars.com/play"));
        Assert.Empty(Categorize(c, "http://www.youtube.com/watch?v=1"));
    }

    [Fact]
    public void Allow_of_one_category_removes_only_that_one()
    {
        var withSocial = Lists.Matcher(domains: [("chat", "teams.microsoft.com"), ("webmail", "teams.microsoft.com")]);
        var c = new UrlCategorizer([withSocial, School]);
        Assert.Equal(["webmail"], Categorize(c, "http://teams.microsoft.com/"));
    }

    [Fact]
    public void A_set_denies_again_what_its_own_allow_let_through()
    {
        var c = new UrlCategorizer([Ut1, School]);
        Assert.Equal(["audio-video"], Categorize(c, "http://www.youtube.com/shorts/AbC123"));
    }

    [Fact]
    public void Allow_does_not_act_on_later_sets()
    {
        var c = new UrlCategorizer([School, Ut1]);
        Assert.Equal(["games"], Categorize(c, "https://ttrockstars.com/play"));
    }
}
