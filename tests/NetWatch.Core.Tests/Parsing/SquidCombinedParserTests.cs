using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using static NetWatch.Core.Tests.Parsing.ParseHelper;

namespace NetWatch.Core.Tests.Parsing;

public class SquidCombinedParserTests
{
    private const string F = LogFormats.SquidCombined;

    [Fact]
    public void A_full_line_fills_every_field()
    {
        var e = Event(F, "127.0.10.11 - j.smith [22/Nov/2026:22:24:47 +0000] \"GET http://classroom.google.com/static/site.css HTTP/1.1\" 200 1695 \"http://classroom.google.com/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91\" TCP_MISS:HIER_DIRECT");
        Assert.Equal(Epoch(1795386287000), e.Timestamp);
        Assert.Equal(e.Timestamp, e.End);
        Assert.Null(e.Start);
        Assert.Null(e.Duration);
        Assert.Equal("127.0.10.11", e.SourceIp);
        Assert.Equal("j.smith", e.SourceUserName);
        Assert.Equal("GET", e.Method);
        Assert.Equal("http://classroom.google.com/static/site.css", e.Url.Original);
        Assert.Equal("1.1", e.HttpVersion);
        Assert.Equal(200, e.StatusCode);
        Assert.Equal(1695, e.ResponseBytes);
        Assert.Equal("http://classroom.google.com/", e.Referrer);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", e.UserAgent);
        Assert.Equal(new SquidFields { ResultCode = "TCP_MISS", HierarchyCode = "HIER_DIRECT" }, e.Squid);
        Assert.Null(e.MimeType);
        Assert.Equal(EventActions.Allowed, e.Action);
    }

    [Fact]
    public void An_unescaped_quote_inside_the_user_agent_is_kept()
    {
        // lines 313, 456
        var e = Event(F, "127.0.10.14 - m.brown [22/Nov/2026:22:25:56 +0000] \"GET http://intranet.school.example/robots.txt HTTP/1.1\" 200 34751 \"-\" \"Mozilla/5.0 (compatible; \"SchoolBot\"/1.0; +http://intranet.school.example/bot)\" TCP_MISS:HIER_DIRECT");
        Assert.Equal("Mozilla/5.0 (compatible; \"SchoolBot\"/1.0; +http://intranet.school.example/bot)", e.UserAgent);
        Assert.Null(e.Referrer);
        Assert.Equal("TCP_MISS", e.Squid!.ResultCode);
    }

    [Fact]
    public void The_no_request_line_is_dead_lettered()
    {
        var r = Try(F, "127.0.10.99 - - [22/Nov/2026:22:25:40 +0000] \"- error:transaction-end-before-headers NONE/0.0\" 0 0 \"-\" \"-\" NONE_NONE:HIER_NONE");
        Assert.Equal(ParseReasons.NoRequest, r.Reason);
    }

    [Fact]
    public void An_invalid_request_is_an_error_event_with_no_user_agent()
    {
        var e = Event(F, "127.0.10.14 - - [22/Nov/2026:22:25:28 +0000] \"HELLO error:invalid-request HTTP/1.1\" 400 3475 \"-\" \"-\" NONE_NONE:HIER_NONE");
        Assert.Equal(EventActions.Error, e.Action);
        Assert.Equal("HELLO", e.Method);
        Assert.Null(e.UserAgent);
        Assert.Null(e.SourceUserName);
    }

    [Fact]
    public void Http_1_0_is_the_version()
    {
        // line 393
        var e = Event(F, "127.0.10.14 - m.brown [22/Nov/2026:22:26:11 +0000] \"GET http://www.bbc.co.uk/ HTTP/1.0\" 200 60243 \"-\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0\" TCP_REFRESH_MODIFIED:HIER_DIRECT");
        Assert.Equal("1.0", e.HttpVersion);
        Assert.Equal("TCP_REFRESH_MODIFIED", e.Squid!.ResultCode);
    }

    [Theory]
    [InlineData("y7 ahmed")]
    [InlineData(@"school\\y7.ahmed")]
    public void Users_with_a_space_or_backslashes_are_kept_as_logged(string user)
    {
        var e = Event(F, $"127.0.10.22 - {user} [22/Nov/2026:22:25:39 +0000] \"GET http://www.bbc.co.uk/ HTTP/1.1\" 407 3594 \"-\" \"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0)\" TCP_DENIED:HIER_NONE");
        Assert.Equal(user, e.SourceUserName);
        Assert.Equal(EventActions.AuthRequired, e.Action);
    }

    [Fact]
    public void A_non_utc_offset_is_applied()
    {
        var e = Event(F, "127.0.10.22 - - [01/Jul/2026:13:00:00 +0100] \"GET http://a.example/ HTTP/1.1\" 200 1 \"-\" \"-\" TCP_MISS:HIER_DIRECT");
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 7, 1, 12, 0), e.Timestamp);
    }

    [Theory]
    [InlineData("127.0.10.22 - - 22/Nov/2026:22:25:39 +0000 \"GET http://a/ HTTP/1.1\" 200 1 \"-\" \"-\" TCP_MISS:HIER_DIRECT", ParseReasons.FieldCount)]
    [InlineData("127.0.10.22 - - [31/Nov/2026:22:25:39 +0000] \"GET http://a/ HTTP/1.1\" 200 1 \"-\" \"-\" TCP_MISS:HIER_DIRECT", ParseReasons.BadTimestamp)]
    [InlineData("127.0.10.22 - - [22/Nov/2026:22:25:39 +0000] \"GET http://a/ HTTP/1.1 200 1 \"-\" \"-\" TCP_MISS:HIER_DIRECT", ParseReasons.BadQuoting)]
    [InlineData("127.0.10.22 - - [22/Nov/2026:22:25:39 +0000] \"GET http://a/ HTTP/1.1\" 200 1 \"-\" TCP_MISS:HIER_DIRECT", ParseReasons.BadQuoting)]
    [InlineData("127.0.10.22 - - [22/Nov/2026:22:25:39 +0000] \"GET HTTP/1.1\" 200 1 \"-\" \"-\" TCP_MISS:HIER_DIRECT", ParseReasons.FieldCount)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, Try(F, line).Reason);
}
