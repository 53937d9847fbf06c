using NetWatch.Core.UrlClassification;
using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.Urls;

public class PublicSuffixListTests
{
    private static readonly PublicSuffixList Psl = PublicSuffixList.Default;

    [Theory]
    [InlineData("www.bbc.co.uk", "co.uk", "bbc.co.uk")]
    [InlineData("co.uk", "co.uk", null)]
    [InlineData("example.com", "com", "example.com")]
    [InlineData("a.b.example.com", "com", "example.com")]
    [InlineData("foo.bar.ck", "bar.ck", "foo.bar.ck")]          // wildcard *.ck
    [InlineData("www.ck", "ck", "www.ck")]                      // exception !www.ck
    [InlineData("a.www.ck", "ck", "www.ck")]
    [InlineData("city.kawasaki.jp", "kawasaki.jp", "city.kawasaki.jp")]
    [InlineData("x.y.kawasaki.jp", "y.kawasaki.jp", "x.y.kawasaki.jp")]
    [InlineData("myblog.blogspot.com", "blogspot.com", "myblog.blogspot.com")] // private section
    [InlineData("intranet.school.example", "example", "school.example")]      // implicit * rule
    [InlineData("xn--55qx5d.cn", "xn--55qx5d.cn", null)]       // 公司.cn, a Unicode rule kept in punycode
    public void Suffix_and_registered_domain(string host, string tld, string? registered)
    {
        Assert.Equal((tld, registered), Psl.Split(host));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("")]
    public void Ip_literals_and_empty_hosts_have_none(string host) => Assert.Equal((null, null), Psl.Split(host));

    [Fact]
    public void Shipped_list_is_complete_enough()
    {
        Assert.True(Psl.RuleCount > 9000, $"only {Psl.RuleCount} rules");
    }

    [Fact]
    public void A_bad_rule_names_its_line()
    {
        var e = Assert.Throws<FormatException>(() => PublicSuffixList.Parse(["com", "// c", "bad/rule"], "rules.txt"));
        Assert.Contains("rules.txt:3", e.Message);
    }
}
