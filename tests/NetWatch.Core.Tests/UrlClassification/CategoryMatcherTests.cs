using System.Text;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

public class CategoryMatcherTests
{
    private static readonly CategoryMatcher Social = Lists.Matcher(
        domains: [("socialnetworking", "facebook.com"), ("gambling", "bet365.com"), ("gambling", "williamhill.com"),
                  ("malware", "bet365.com"), ("adult", "1.2.3.4"), ("intranet", "[::1]"), ("idn", "bücher.example"),
                  ("www", "www.example.org"), ("chat", "Discord.COM."), ("star", "*.tiktok.com"), ("dotted", ".snapchat.com")],
        urls: [("games", "coolmathgames.com/games"), ("video", "www.youtube.com/shorts/"), ("forum", "vagos.es/forumdisplay.php?f=66"),
               ("site", "whole-site.example"), ("ip", "10.0.0.1/admin"),
               ("qmark", "gosexy.it/index.php?"), ("fragment", "equilibriumsystems.com/#platform-porting")],
        expressions: [("searchterms", "[?&]q=[^&]*(self[+ _-]?harm|suicide)"), ("posix", "^http://[[:digit:]]+\\.example/")]);

    [Theory]
    [InlineData("http://facebook.com/", "socialnetworking")]
    [InlineData("http://www.facebook.com/groups/x", "socialnetworking")]
    [InlineData("http://m.facebook.com/home.php", "socialnetworking")]
    [InlineData("www.facebook.com:443", "socialnetworking")]
    [InlineData("http://WWW.FACEBOOK.COM./", "socialnetworking")]
    [InlineData("http://www.facebook.com:8080/", "socialnetworking")]
    [InlineData("http://facebook.com.evil.example/", "")]
    [InlineData("http://facebook.community.example/", "")]
    [InlineData("http://notfacebook.com/", "")]
    [InlineData("http://bet365.com.au/", "")]
    [InlineData("http://com/", "")]
    public void Domains_match_on_label_boundaries(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Fact]
    public void All_categories_of_a_site_in_ordinal_order() =>
        Assert.Equal(["gambling", "malware"], Social.Match("http://www.bet365.com/"));

    [Theory]
    [InlineData("http://1.2.3.4/x", "adult")]
    [InlineData("1.2.3.4:443", "adult")]
    [InlineData("http://11.2.3.4/", "")]
    [InlineData("http://5.1.2.3.4/", "")]
    [InlineData("http://[::1]/status", "intranet")]
    [InlineData("http://[0::1]:8080/", "intranet")]
    public void Ip_literals_match_exactly(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Theory]
    [InlineData("http://bücher.example/", "idn")]
    [InlineData("http://xn--bcher-kva.example/", "idn")]
    [InlineData("http://shop.BÜCHER.example/", "idn")]
    [InlineData("http://discord.com/", "chat")]
    [InlineData("http://www.tiktok.com/", "star")]
    [InlineData("http://snapchat.com/", "dotted")]
    public void Entries_are_normalised_like_hosts(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Theory]
    [InlineData("http://www.example.org/", "www")]
    [InlineData("http://example.org/", "www")]
    [InlineData("http://a.www.example.org/", "www")]
    [InlineData("http://mail.example.org/", "")]
    public void A_www_entry_stands_for_the_bare_site_but_not_its_other_subdomains(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Theory]
    [InlineData("http://www.coolmathgames.com/games", "games")]
    [InlineData("http://www.coolmathgames.com/games/run-3", "games")]
    [InlineData("http://coolmathgames.com/games?x=1", "games")]
    [InlineData("http://www.coolmathgames.com/GAMES/run-3", "games")]
    [InlineData("http://www.coolmathgames.com/gamesXYZ", "")]
    [InlineData("http://www.coolmathgames.com/", "")]
    [InlineData("http://www.coolmathgames.com/other/games", "")]
    [InlineData("http://youtube.com/shorts/AbC123", "video")]
    [InlineData("http://m.youtube.com/shorts", "video")]
    [InlineData("http://www.youtube.com/watch?v=1", "")]
    [InlineData("http://vagos.es/forumdisplay.php?f=66", "forum")]
    [InlineData("http://vagos.es/forumdisplay.php?f=66&page=2", "forum")]
    [InlineData("http://vagos.es/forumdisplay.php?f=6", "")]
    [InlineData("http://vagos.es/forumdisplay.php?f=660", "")]
    [InlineData("http://whole-site.example/any/path", "site")]
    [InlineData("whole-site.example:443", "site")]
    [InlineData("http://10.0.0.1/admin/x", "ip")]
    [InlineData("http://10.0.0.10/admin/x", "")]
    [InlineData("http://gosexy.it/index.php?", "qmark")]
    [InlineData("http://gosexy.it/index.php?a=1", "qmark")]
    [InlineData("http://gosexy.it/index.phpx", "")]
    [InlineData("https://equilibriumsystems.com/#platform-porting", "fragment")]
    [InlineData("https://equilibriumsystems.com/", "")]
    public void Urls_match_host_and_path_prefix_on_segment_boundaries(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Theory]
    [InlineData("http://www.google.co.uk/search?q=how+to+self+harm", "searchterms")]
    [InlineData("http://www.google.co.uk/search?q=SELF+HARM", "searchterms")]
    [InlineData("http://www.google.co.uk/search?q=how%20to%20self%20harm", "")]
    [InlineData("http://12.example/", "posix")]
    public void Expressions_are_case_insensitive_regexes_over_the_logged_url(string url, string expected) =>
        Assert.Equal(expected, string.Join(',', Social.Match(url)));

    [Fact]
    public void Unparseable_urls_have_no_host_categories() =>
        Assert.Empty(Social.Match("error:invalid-request"));

    [Fact]
    public void Comments_blank_lines_and_crlf_are_ignored()
    {
        var m = Lists.Matcher(domains: [("a", "# comment"), ("a", ""), ("a", "  example.com\r"), ("a", "\t")]);
        Assert.Equal(["a"], m.Match("http://example.com/"));
        Assert.Equal(1, m.DomainEntryCount);
    }

    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("example.com/path")]
    [InlineData("a..b")]
    public void A_bad_domain_entry_fails_with_source_and_line(string entry)
    {
        var b = new CategoryMatcherBuilder();
        var e = Assert.Throws<ReferenceDataException>(() => b.AddDomains("gambling", ["ok.com", entry], "gambling/domains"));
        Assert.Equal(("gambling/domains", 2L), (e.SourceName, e.Line));
        Assert.Contains(entry, e.Message);
    }

    [Fact]
    public void A_bad_expression_fails_with_source_and_line()
    {
        var b = new CategoryMatcherBuilder();
        var e = Assert.Throws<ReferenceDataException>(() => b.AddExpressions("x", ["ok", "(unclosed"], "x/expressions"));
        Assert.Equal(2L, e.Line);
    }

    [Fact]
    public void Byte_chunks_count_lines_across_calls()
    {
        var b = new CategoryMatcherBuilder();
        long line = 1;
        b.AddDomainLines("a", Encoding.UTF8.GetBytes("one.com\ntwo.com\n"), "f", ref line);
        var e = Assert.Throws<ReferenceDataException>(() =>
        {
            var l = line;
            b.AddDomainLines("a", Encoding.UTF8.GetBytes("three.com\nbad entry\n"), "f", ref l);
        });
        Assert.Equal(4L, e.Line);
    }

    [Fact]
    public void The_same_entry_in_several_categories_is_stored_once_with_all_of_them()
    {
        var m = Lists.Matcher(domains: [("phishing", "evil.example"), ("malware", "evil.example"), ("malware", "evil.example")]);
        Assert.Equal(1, m.DomainEntryCount);
        Assert.Equal(["malware", "phishing"], m.Match("http://www.evil.example/"));
    }
}
