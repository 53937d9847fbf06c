using NetWatch.Core.Parsing;
using static NetWatch.Core.Tests.Parsing.ParseHelper;

namespace NetWatch.Core.Tests.Parsing;

public class SquidCustomParserTests
{
    private const string F = LogFormats.SquidCustom;

    [Fact]
    public void Escaped_quotes_in_the_user_agent_are_unescaped()
    {
        var e = Event(F, "1795386356.143      1 127.0.10.14 TCP_MISS/200 34751 GET http://intranet.school.example/robots.txt m.brown HIER_DIRECT/::1 text/html \"Mozilla/5.0 (compatible; \\\"SchoolBot\\\"/1.0; +http://intranet.school.example/bot)\" \"-\"");
        Assert.Equal("Mozilla/5.0 (compatible; \"SchoolBot\"/1.0; +http://intranet.school.example/bot)", e.UserAgent);
        Assert.Null(e.Referrer);
        Assert.Equal("::1", e.Squid!.Peer);
        Assert.Equal("text/html", e.MimeType);
        Assert.Equal(1, e.Duration!.Value.TotalMilliseconds);
    }

    [Fact]
    public void The_referer_is_the_last_quoted_field()
    {
        var e = Event(F, "1795386287.994      1 127.0.10.11 TCP_MISS/200 1695 GET http://classroom.google.com/static/site.css j.smith HIER_DIRECT/127.0.0.2 text/css \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\" \"http://classroom.google.com/\"");
        Assert.Equal("http://classroom.google.com/", e.Referrer);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", e.UserAgent);
        Assert.Equal("text/css", e.MimeType);
    }

    [Fact]
    public void A_user_with_a_space_and_escaped_backslashes_in_a_quoted_field()
    {
        var e = Event(F, "1795386339.603      0 127.0.10.22 TCP_DENIED/407 3594 GET http://www.bbc.co.uk/ y7 ahmed HIER_NONE/- text/html \"UA with \\\\ backslash\" \"-\"");
        Assert.Equal("y7 ahmed", e.SourceUserName);
        Assert.Equal("UA with \\ backslash", e.UserAgent);
    }

    [Fact]
    public void The_no_request_line_is_dead_lettered()
    {
        var r = Try(F, "1795386340.838      0 127.0.10.99 NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- - \"-\" \"-\"");
        Assert.Equal(ParseReasons.NoRequest, r.Reason);
    }

    [Theory]
    [InlineData("1795386287.994      1 127.0.10.11 TCP_MISS/200 1695 GET http://a/ j.smith HIER_DIRECT/127.0.0.2 text/css")]
    [InlineData("1795386287.994      1 127.0.10.11 TCP_MISS/200 1695 GET http://a/ j.smith HIER_DIRECT/127.0.0.2 text/css \"-\"")]
    [InlineData("1795386287.994      1 127.0.10.11 TCP_MISS/200 1695 GET http://a/ j.smith HIER_DIRECT/127.0.0.2 text/css \"-\" \"abc\\\"")]
    public void Missing_quoted_fields_are_bad_quoting(string line) => Assert.Equal(ParseReasons.BadQuoting, Try(F, line).Reason);
}
