using NetWatch.Core.Urls;

namespace NetWatch.Core.Tests.Urls;

/// <summary>The URL oddities of the real corpus (../shared/corpus/README.md) and the url.* fields of issue 2.</summary>
public class UrlNormalizerTests
{
    [Fact]
    public void Absolute_url_splits_into_ecs_parts()
    {
        var u = UrlNormalizer.Parse("http://www.google.co.uk/search?q=anti+bullying+week&hl=en-GB#top");
        Assert.Equal("http", u.Scheme);
        Assert.Equal("www.google.co.uk", u.Domain);
        Assert.Equal(80, u.Port);
        Assert.Equal("/search", u.Path);
        Assert.Equal("q=anti+bullying+week&hl=en-GB", u.Query);
        Assert.Equal("google.co.uk", u.RegisteredDomain);
        Assert.Equal("co.uk", u.TopLevelDomain);
    }

    [Fact]
    public void Connect_authority_gives_domain_and_port_without_path()
    {
        var u = UrlNormalizer.Parse("www.facebook.com:443", "CONNECT");
        Assert.Equal("www.facebook.com:443", u.Original);
        Assert.Null(u.Scheme);
        Assert.Equal("www.facebook.com", u.Domain);
        Assert.Equal(443, u.Port);
        Assert.Null(u.Path);
        Assert.Null(u.Query);
        Assert.Equal("facebook.com", u.RegisteredDomain);
    }

    [Fact]
    public void A_bare_host_and_port_is_an_authority_even_without_the_connect_method()
    {
        var u = UrlNormalizer.Parse("discord.com:443");
        Assert.Equal(("discord.com", 443, (string?)null), (u.Domain, u.Port, u.Path));
    }

    [Fact]
    public void Connect_to_port_8443_keeps_the_port()
    {
        var u = UrlNormalizer.Parse("www.google.com:8443", "CONNECT");
        Assert.Equal(("www.google.com", 8443), (u.Domain, u.Port));
    }

    [Fact]
    public void Connect_to_an_ip_literal_has_no_registered_domain()
    {
        var u = UrlNormalizer.Parse("127.0.0.3:443", "CONNECT");
        Assert.Equal(("127.0.0.3", 443), (u.Domain, u.Port));
        Assert.Null(u.RegisteredDomain);
        Assert.Null(u.TopLevelDomain);
    }

    [Fact]
    public void Ipv6_literal_loses_its_brackets()
    {
        var u = UrlNormalizer.Parse("http://[::1]/status");
        Assert.Equal("::1", u.Domain);
        Assert.Equal(80, u.Port);
        Assert.Equal("/status", u.Path);
        Assert.Null(u.RegisteredDomain);
        Assert.Equal("::1", UrlNormalizer.Parse("http://[0:0:0:0:0:0:0:1]:8080/").Domain);
        Assert.Equal(8080, UrlNormalizer.Parse("http://[::1]:8080/").Port);
    }

    [Fact]
    public void Explicit_port_and_https_default()
    {
        Assert.Equal(8080, UrlNormalizer.Parse("http://www.bbc.co.uk:8080/").Port);
        Assert.Equal(443, UrlNormalizer.Parse("https://www.tiktok.com").Port);
        Assert.Equal("/", UrlNormalizer.Parse("http://www.bet365.com").Path);
    }

    [Fact]
    public void Raw_utf8_in_the_query_is_kept_as_logged()
    {
        var u = UrlNormalizer.Parse("http://www.google.co.uk/search?q=caféprèsdemoi");
        Assert.Equal("www.google.co.uk", u.Domain);
        Assert.Equal("q=caféprèsdemoi", u.Query);
    }

    [Fact]
    public void Percent_encoding_is_not_decoded_in_url_query()
    {
        var u = UrlNormalizer.Parse("http://www.youtube.com/results?search_query=caf%C3%A9+near+me");
        Assert.Equal("search_query=caf%C3%A9+near+me", u.Query);
        Assert.Equal("/results", u.Path);
    }

    [Fact]
    public void Kilobyte_url_is_split()
    {
        var url = "http://www.google.co.uk/url?sa=t&ved=0ah" + new string('x', 1000) + "&url=http%3A%2F%2Fen.wikipedia.org%2Fwiki%2FPhotosynthesis";
        var u = UrlNormalizer.Parse(url);
        Assert.Equal("www.google.co.uk", u.Domain);
        Assert.Equal("/url", u.Path);
        Assert.EndsWith("Photosynthesis", u.Query);
        Assert.Equal(url, u.Original);
    }

    [Theory]
    [InlineData("error:invalid-request", "HELLO")]
    [InlineData("error:transaction-end-before-headers", "-")]
    [InlineData("-", null)]
    [InlineData("", null)]
    [InlineData("http://", "GET")]
    [InlineData("http://exa mple.com/", "GET")]
    [InlineData("http://example.com:99999/", "GET")]
    [InlineData("http://[::1/", "GET")]
    [InlineData("not a url at all", "GET")]
    public void Garbage_gives_only_the_original(string text, string? method)
    {
        var u = UrlNormalizer.Parse(text, method);
        Assert.Equal(text, u.Original);
        Assert.Null(u.Domain);
        Assert.Null(u.Port);
        Assert.Null(u.Path);
    }

    [Fact]
    public void Host_is_lower_cased_without_trailing_dot_and_user_info()
    {
        var u = UrlNormalizer.Parse("HTTP://user:pw@WWW.BET365.COM./Path?A=B");
        Assert.Equal("http", u.Scheme);
        Assert.Equal("www.bet365.com", u.Domain);
        Assert.Equal("/Path", u.Path);
        Assert.Equal("A=B", u.Query);
    }

    [Fact]
    public void Idn_host_is_punycode_in_domain_and_unicode_beside_it()
    {
        var u = UrlNormalizer.Parse("http://Bücher.example/");
        Assert.Equal("xn--bcher-kva.example", u.Domain);
        Assert.Equal("bücher.example", u.DomainUnicode);
        var p = UrlNormalizer.Parse("http://xn--bcher-kva.example/");
        Assert.Equal("xn--bcher-kva.example", p.Domain);
        Assert.Equal("bücher.example", p.DomainUnicode);
    }

    [Fact]
    public void Registered_domain_follows_the_public_suffix_list()
    {
        Assert.Equal("bbc.co.uk", UrlNormalizer.Parse("http://www.bbc.co.uk/news").RegisteredDomain);
        Assert.Equal("pokerstars.uk", UrlNormalizer.Parse("www.pokerstars.uk:443", "CONNECT").RegisteredDomain);
        Assert.Equal("school.example", UrlNormalizer.Parse("http://intranet.school.example/").RegisteredDomain);
    }

    [Fact]
    public void Canonical_text_drops_default_port_and_keeps_others()
    {
        Assert.Equal("http://www.bet365.com/", UrlNormalizer.ToCanonical(UrlNormalizer.Parse("HTTP://WWW.BET365.COM.:80/")));
        Assert.Equal("http://[::1]:8080/x?y", UrlNormalizer.ToCanonical(UrlNormalizer.Parse("http://[::1]:8080/x?y")));
        Assert.Equal("discord.com:443", UrlNormalizer.ToCanonical(UrlNormalizer.Parse("discord.com:443", "CONNECT")));
        Assert.Null(UrlNormalizer.ToCanonical(UrlNormalizer.Parse("error:invalid-request")));
    }
}
