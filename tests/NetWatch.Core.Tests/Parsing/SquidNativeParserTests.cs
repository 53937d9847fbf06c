using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;
using static NetWatch.Core.Tests.Parsing.ParseHelper;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The odd lines of squid-native.log listed in the corpus README (line numbers in comments).</summary>
public class SquidNativeParserTests
{
    private const string F = LogFormats.SquidNative;

    [Fact]
    public void A_full_line_fills_every_field_and_start_is_end_minus_elapsed()
    {
        // line 288: 5 s DNS failure
        var e = Event(F, "1795386351.341   5002 127.0.10.14 TCP_MISS/502 3523 GET http://printer-3f.school.example/ m.brown HIER_NONE/- text/html");
        Assert.Equal(Epoch(1795386351341), e.Timestamp);
        Assert.Equal(e.Timestamp, e.End);
        Assert.Equal(Epoch(1795386346339), e.Start);
        Assert.Equal(Duration.FromMilliseconds(5002), e.Duration);
        Assert.Equal("127.0.10.14", e.SourceIp);
        Assert.Equal("m.brown", e.SourceUserName);
        Assert.Equal("m.brown", e.UserName);
        Assert.Equal("GET", e.Method);
        Assert.Equal("http://printer-3f.school.example/", e.Url.Original);
        Assert.Equal("printer-3f.school.example", e.Url.Domain);
        Assert.Equal(502, e.StatusCode);
        Assert.Equal(3523, e.ResponseBytes);
        Assert.Equal("text/html", e.MimeType);
        Assert.Equal(new SquidFields { ResultCode = "TCP_MISS", HierarchyCode = "HIER_NONE", Peer = null }, e.Squid);
        Assert.Equal(EventActions.Error, e.Action);
        Assert.Equal("squid.access", e.Dataset);
        Assert.Equal("squid", e.ObserverProduct);
        Assert.Null(e.UserAgent);
        Assert.Null(e.HttpVersion);
        Assert.Equal(EventIdentity.Compute(F, 7, "1795386351.341   5002 127.0.10.14 TCP_MISS/502 3523 GET http://printer-3f.school.example/ m.brown HIER_NONE/- text/html"), e.Id);
    }

    [Fact]
    public void First_try_without_credentials_is_auth_required_with_no_user()
    {
        var e = Event(F, "1795386287.731      0 127.0.10.11 TCP_DENIED/407 3615 GET http://classroom.google.com/ - HIER_NONE/- text/html");
        Assert.Null(e.SourceUserName);
        Assert.Null(e.UserName);
        Assert.Equal(407, e.StatusCode);
        Assert.Equal(EventActions.AuthRequired, e.Action);
        Assert.Equal(Duration.Zero, e.Duration);
    }

    [Fact]
    public void A_failed_login_keeps_the_attempted_name()
    {
        // line 236: j.smith's name from y11.taylor's IP with a wrong password
        var e = Event(F, "1795386335.783      1 127.0.10.25 TCP_DENIED/407 3603 GET http://www.facebook.com/ j.smith HIER_NONE/- text/html");
        Assert.Equal("j.smith", e.SourceUserName);
        Assert.Equal("127.0.10.25", e.SourceIp);
        Assert.Equal(EventActions.AuthRequired, e.Action);
    }

    [Fact]
    public void A_doubled_backslash_in_the_user_is_kept_as_logged()
    {
        // line 247
        var e = Event(F, @"1795386338.249      0 127.0.10.22 TCP_DENIED/407 3594 GET http://www.bbc.co.uk/ school\\y7.ahmed HIER_NONE/- text/html");
        Assert.Equal(@"school\\y7.ahmed", e.SourceUserName);
    }

    [Fact]
    public void A_space_inside_the_user_field_is_part_of_the_name()
    {
        // line 254
        var e = Event(F, "1795386339.603      0 127.0.10.22 TCP_DENIED/407 3594 GET http://www.bbc.co.uk/ y7 ahmed HIER_NONE/- text/html");
        Assert.Equal("y7 ahmed", e.SourceUserName);
        Assert.Equal("http://www.bbc.co.uk/", e.Url.Original);
        Assert.Equal("HIER_NONE", e.Squid!.HierarchyCode);
        Assert.Equal("text/html", e.MimeType);
    }

    [Fact]
    public void A_connect_tunnel_to_an_ip_literal_is_a_tunnel_without_mime()
    {
        // line 199
        var e = Event(F, "1795386329.035      6 127.0.10.14 TCP_TUNNEL/200 43690 CONNECT 127.0.0.3:443 m.brown HIER_DIRECT/127.0.0.3 -");
        Assert.Equal(EventActions.Tunnel, e.Action);
        Assert.Equal("CONNECT", e.Method);
        Assert.Equal("127.0.0.3:443", e.Url.Original);
        Assert.Null(e.MimeType);
        Assert.Equal("127.0.0.3", e.Squid!.Peer);
    }

    [Fact]
    public void A_connect_to_a_disallowed_port_is_denied()
    {
        // line 233
        var e = Event(F, "1795386335.500      0 127.0.10.14 TCP_DENIED/403 3506 CONNECT www.google.com:8443 - HIER_NONE/- text/html");
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Equal(403, e.StatusCode);
        Assert.Null(e.SourceUserName);
    }

    [Fact]
    public void A_connect_squid_answered_itself_with_503_is_an_error()
    {
        // line 317
        var e = Event(F, "1795386356.934      0 127.0.10.14 NONE_NONE/503 0 CONNECT www.bbc.co.uk:443 m.brown HIER_DIRECT/127.0.0.4 -");
        Assert.Equal(EventActions.Error, e.Action);
        Assert.Equal("NONE_NONE", e.Squid!.ResultCode);
    }

    [Fact]
    public void A_connection_that_ended_before_headers_is_a_no_request_dead_letter()
    {
        // lines 259, 352
        var r = Try(F, "1795386340.838      0 127.0.10.99 NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- -");
        Assert.False(r.IsSuccess);
        Assert.Equal(ParseReasons.NoRequest, r.Reason);
        Assert.Contains("error:transaction-end-before-headers", r.Detail);
    }

    [Fact]
    public void An_invalid_request_with_a_method_is_an_error_event()
    {
        // line 195
        var e = Event(F, "1795386328.486      0 127.0.10.14 NONE_NONE/400 3475 HELLO error:invalid-request - HIER_NONE/- text/html");
        Assert.Equal(EventActions.Error, e.Action);
        Assert.Equal("HELLO", e.Method);
        Assert.Equal("error:invalid-request", e.Url.Original);
        Assert.Equal(400, e.StatusCode);
    }

    [Theory]
    [InlineData("1795386335.658      0 127.0.10.14 TCP_MISS/503 3539 GET http://www.bbc.co.uk:8080/ m.brown HIER_DIRECT/127.0.0.4 text/html", EventActions.Error)] // 235
    [InlineData("1795386371.117      1 127.0.10.22 TCP_MISS/500 580 GET http://www.senecalearning.com/error/500 y7.ahmed HIER_DIRECT/127.0.0.4 text/html", EventActions.Allowed)] // origin's 500
    [InlineData("1795386307.385   1000 127.0.10.26 TCP_MISS_ABORTED/200 400330 GET http://www.youtube.com/slow/stream2.bin s.nowak HIER_DIRECT/127.0.0.3 application/octet-stream", EventActions.Allowed)] // 99
    public void Actions_follow_the_documented_rules(string line, string action) => Assert.Equal(action, Event(F, line).Action);

    [Fact]
    public void IPv6_peer_and_ipv6_url_host_are_read()
    {
        // line 58
        var e = Event(F, "1795386298.838      1 127.0.10.14 TCP_MISS/200 28974 GET http://[::1]/status m.brown HIER_DIRECT/::1 text/html");
        Assert.Equal("::1", e.Squid!.Peer);
        Assert.Equal("http://[::1]/status", e.Url.Original);
    }

    [Theory]
    [InlineData("1795386369.404      1 127.0.10.25 TCP_MISS/200 6097 GET http://www.google.co.uk/search?q=howtoselfharm y11.taylor HIER_DIRECT/127.0.0.2 text/html", "http://www.google.co.uk/search?q=howtoselfharm")] // 380
    [InlineData("1795386377.719      1 127.0.10.22 TCP_MISS/200 9731 GET http://www.google.co.uk/search?q=caféprèsdemoi y7.ahmed HIER_DIRECT/127.0.0.2 text/html", "http://www.google.co.uk/search?q=caféprèsdemoi")] // 426 raw UTF-8
    public void Urls_are_kept_exactly_as_logged(string line, string url) => Assert.Equal(url, Event(F, line).Url.Original);

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("   ", ParseReasons.EmptyLine)]
    [InlineData("1795386287.731 0 127.0.10.11 TCP_DENIED/407", ParseReasons.FieldCount)]
    [InlineData("1795386287.731      0 127.0.10.11 TCP_DENIED407 3615 GET http://a/ - HIER_NONE/- text/html", ParseReasons.FieldCount)]
    [InlineData("17953x6287.731      0 127.0.10.11 TCP_DENIED/407 3615 GET http://a/ - HIER_NONE/- text/html", ParseReasons.BadTimestamp)]
    [InlineData("1795386287.731      0 127.0.10.11 TCP_DENIED/407 36x5 GET http://a/ - HIER_NONE/- text/html", ParseReasons.BadNumber)]
    [InlineData("1795386287.731      0 classroom TCP_DENIED/407 3615 GET http://a/ - HIER_NONE/- text/html", ParseReasons.BadAddress)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, Try(F, line).Reason);
}
