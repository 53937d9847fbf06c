using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;
using static NetWatch.Core.Tests.Parsing.ParseHelper;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The e2guardian oddities the corpus README lists, in each log format.</summary>
public class E2GuardianParserTests
{
    private const string Ua = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36";
    private const string SchoolBot = "Mozilla/5.0 (compatible; \"SchoolBot\"/1.0; +http://intranet.school.example/bot)";

    private static void AssertDeniedTikTokConnect(NetEvent e)
    {
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Equal("CONNECT", e.Method);
        Assert.Equal("https://www.tiktok.com:443", e.Url.Original);
        Assert.Equal("y8.wilson", e.SourceUserName);
        Assert.Equal("y8.wilson", e.UserName);
        Assert.Equal("127.0.10.23", e.SourceIp);
        Assert.Equal(403, e.StatusCode);
        Assert.Equal(0, e.ResponseBytes);
        Assert.Null(e.MimeType);
        Assert.Equal(Ua, e.UserAgent);
        Assert.Equal("e2guardian.access", e.Dataset);
        Assert.Equal("e2guardian", e.ObserverProduct);
        var g = e.E2Guardian!;
        Assert.Equal("DENIED", g.Flag);
        Assert.Equal("Blocked site: tiktok.com", g.Reason);
        Assert.Equal("Social Networking", g.Category);
        Assert.Equal(1, g.FilterGroup);
        Assert.Equal("pupils", g.FilterGroupName);
        Assert.Equal(0, g.Weight);
        Assert.Equal("127.0.10.23", g.ClientHost);
    }

    [Fact]
    public void Fmt1_a_denied_connect_with_spaces_in_reason_category_and_user_agent()
    {
        var e = Event(LogFormats.E2Guardian1, $"2026.11.22 22:26:27 y8.wilson 127.0.10.23 https://www.tiktok.com:443 *DENIED* Blocked site: tiktok.com CONNECT 0 0 Social Networking 1 403 - 127.0.10.23 pupils {Ua} - - - -");
        AssertDeniedTikTokConnect(e);
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 26, 27), e.Timestamp);
        Assert.Null(e.Duration);
    }

    [Fact]
    public void Fmt2_a_denied_connect()
    {
        var e = Event(LogFormats.E2Guardian2, $"\"2026.11.22 22:26:51\",\"y8.wilson\",\"127.0.10.23\",\"https://www.tiktok.com:443\",\"*DENIED* Blocked site: tiktok.com\",\"CONNECT\",\"0\",\"0\",\"Social Networking\",\"1\",\"403\",\"-\",\"127.0.10.23\",\"pupils\",\"{Ua}\",\"-\",\"-\",\"-\",\"-\"");
        AssertDeniedTikTokConnect(e);
    }

    [Fact]
    public void Fmt4_a_denied_connect()
    {
        var e = Event(LogFormats.E2Guardian4, $"2026.11.22 22:27:35\ty8.wilson\t127.0.10.23\thttps://www.tiktok.com:443\t*DENIED* Blocked site: tiktok.com\tCONNECT\t0\t0\tSocial Networking\t1\t403\t-\t127.0.10.23\tpupils\t{Ua}\t-\t-\t-\t-");
        AssertDeniedTikTokConnect(e);
    }

    [Fact]
    public void Fmt6_a_denied_connect_with_message_number_and_duration()
    {
        var e = Event(LogFormats.E2Guardian6, $"1795386477.015\t\ty8.wilson\t127.0.10.23\t127.0.10.23\thttps://www.tiktok.com:443\tCONNECT\t403\t0\t-\t{Ua}\t-\t0\t-\t500\t*DENIED* Blocked site: tiktok.com\t0\tSocial Networking\tpupils\t1");
        AssertDeniedTikTokConnect(e);
        Assert.Equal("500", e.E2Guardian!.MessageNumber);
        Assert.Equal(Epoch(1795386477015), e.Timestamp);
        Assert.Equal(Duration.Zero, e.Duration);
        Assert.Equal(e.Timestamp, e.Start);
    }

    [Fact]
    public void Fmt3_a_denied_connect_is_squid_like()
    {
        var e = Event(LogFormats.E2Guardian3, "1795386433.045      0 127.0.10.23 TCP_DENIED/403 0 CONNECT https://www.tiktok.com:443 y8.wilson DEFAULT_PARENT/127.0.0.1 -");
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Equal("https://www.tiktok.com:443", e.Url.Original);
        Assert.Equal("e2guardian.access", e.Dataset);
        Assert.Equal("e2guardian", e.ObserverProduct);
        Assert.Equal(new SquidFields { ResultCode = "TCP_DENIED", HierarchyCode = "DEFAULT_PARENT", Peer = "127.0.0.1" }, e.Squid);
        Assert.Null(e.E2Guardian);
    }

    [Fact]
    public void The_407_pass_through_is_trusted_with_no_user()
    {
        var e = Event(LogFormats.E2Guardian1, $"2026.11.22 22:26:19 - 127.0.10.22 http://www.bbc.co.uk *TRUSTED* - GET 3088 0 - 1 407 - 127.0.10.22 pupils {Ua} - - - -");
        Assert.Equal(EventActions.Trusted, e.Action);
        Assert.Equal("TRUSTED", e.E2Guardian!.Flag);
        Assert.Null(e.E2Guardian.Reason);
        Assert.Null(e.E2Guardian.Category);
        Assert.Null(e.SourceUserName);
        Assert.Equal(407, e.StatusCode);
        Assert.Equal(3088, e.ResponseBytes);
        Assert.Equal("http://www.bbc.co.uk", e.Url.Original);
    }

    [Fact]
    public void Fmt3_shows_the_407_pass_through_as_auth_required()
    {
        var e = Event(LogFormats.E2Guardian3, "1795386425.214      0 127.0.10.22 TCP_MISS/407 3088 GET http://www.bbc.co.uk - DEFAULT_PARENT/127.0.0.1 -");
        Assert.Equal(EventActions.AuthRequired, e.Action);
        Assert.Null(e.SourceUserName);
    }

    [Theory]
    [InlineData(LogFormats.E2Guardian1, "2026.11.22 22:26:22 127.0.20.31 127.0.20.31 http://www.facebook.com *DENIED* Blocked site: facebook.com GET 0 0 Social Networking 1 403 - 127.0.20.31 pupils Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) - - - -")]
    [InlineData(LogFormats.E2Guardian3, "1795386428.245      2 127.0.20.31 TCP_DENIED/403 0 GET http://www.facebook.com 127.0.20.31 DEFAULT_PARENT/127.0.0.1 -")]
    [InlineData(LogFormats.E2Guardian6, "1795386472.162\t\t127.0.20.31\t127.0.20.31\t127.0.20.31\thttp://www.facebook.com\tGET\t403\t0\t-\tMozilla/5.0 (iPad)\t-\t0\t-\t500\t*DENIED* Blocked site: facebook.com\t0\tSocial Networking\tpupils\t1")]
    public void A_known_device_logs_its_ip_as_user_which_names_nobody(string format, string line)
    {
        var e = Event(format, line);
        Assert.Equal("127.0.20.31", e.SourceUserName);
        Assert.Null(e.UserName);
        Assert.Equal(EventActions.Denied, e.Action);
    }

    [Fact]
    public void A_search_term_block_keeps_the_odd_reason_text()
    {
        var e = Event(LogFormats.E2Guardian1, $"2026.11.22 22:26:24 y7.ahmed 127.0.10.22 http://www.bing.com/search?q=self+harm&form=QBLH *DENIED* Message number absentharm+self GET 0 0 Safeguarding search terms 1 403 - 127.0.10.22 pupils {Ua} - - - -");
        Assert.Equal("Message number absentharm+self", e.E2Guardian!.Reason);
        Assert.Equal("Safeguarding search terms", e.E2Guardian.Category);
        Assert.Equal("http://www.bing.com/search?q=self+harm&form=QBLH", e.Url.Original);
    }

    [Fact]
    public void Fmt1_an_allowed_connect_is_a_tunnel()
    {
        var e = Event(LogFormats.E2Guardian1, $"2026.11.22 22:26:24 p.jones 127.0.10.21 https://www.google.co.uk:443 - CONNECT 39970 0 - 1 200 - 127.0.10.21 pupils {Ua} - - - -");
        Assert.Equal(EventActions.Tunnel, e.Action);
        Assert.Null(e.E2Guardian!.Flag);
        Assert.Null(e.E2Guardian.Reason);
        Assert.Equal(39970, e.ResponseBytes);
    }

    [Theory]
    [InlineData(LogFormats.E2Guardian1, $"2026.11.22 22:26:24 m.brown 127.0.10.14 http://intranet.school.example - GET 33554 0 - 2 200 - 127.0.10.14 staff {SchoolBot} - - - -")]
    [InlineData(LogFormats.E2Guardian2, $"\"2026.11.22 22:26:49\",\"m.brown\",\"127.0.10.14\",\"http://intranet.school.example\",\"-\",\"GET\",\"33554\",\"0\",\"-\",\"2\",\"200\",\"-\",\"127.0.10.14\",\"staff\",\"{SchoolBot}\",\"-\",\"-\",\"-\",\"-\"")]
    public void The_schoolbot_user_agent_with_bare_quotes_is_kept(string format, string line)
    {
        var e = Event(format, line);
        Assert.Equal(SchoolBot, e.UserAgent);
        Assert.Equal("staff", e.E2Guardian!.FilterGroupName);
        Assert.Equal(2, e.E2Guardian.FilterGroup);
        Assert.Equal(EventActions.Allowed, e.Action);
    }

    [Fact]
    public void Fmt2_a_user_agent_containing_the_field_separator_is_kept_whole()
    {
        var e = Event(LogFormats.E2Guardian2, "\"2026.11.22 22:26:49\",\"m.brown\",\"127.0.10.14\",\"http://a.example\",\"-\",\"GET\",\"1\",\"0\",\"-\",\"2\",\"200\",\"-\",\"127.0.10.14\",\"staff\",\"odd \",\" agent\",\"-\",\"-\",\"-\",\"-\"");
        Assert.Equal("odd \",\" agent", e.UserAgent);
    }

    [Theory]
    [InlineData(LogFormats.E2Guardian1, "2026.11.22 22:26:24 p.jones 127.0.10.21 http://a/ - GET")]
    [InlineData(LogFormats.E2Guardian1, "2026.13.22 22:26:24 p.jones 127.0.10.21 http://a/ - GET 1 0 - 1 200 - h g ua - - - -")]
    [InlineData(LogFormats.E2Guardian2, "2026.11.22 22:26:24,p.jones")]
    [InlineData(LogFormats.E2Guardian2, "\"2026.11.22 22:26:24\",\"p.jones\"")]
    [InlineData(LogFormats.E2Guardian4, "2026.11.22 22:26:24\tp.jones")]
    [InlineData(LogFormats.E2Guardian6, "1795386472.162\t\t127.0.20.31")]
    [InlineData(LogFormats.E2Guardian6, "1795386472.162\t\tu\t127.0.20.31\th\thttp://a/\tGET\t2x0\t0\t-\tua\t-\t0\t-\t0\t-\t0\t-\tpupils\t1")]
    public void Bad_lines_fail_without_throwing(string format, string line)
    {
        var r = Try(format, line);
        Assert.False(r.IsSuccess);
        Assert.Contains(r.Reason, new[] { ParseReasons.FieldCount, ParseReasons.BadTimestamp, ParseReasons.BadQuoting, ParseReasons.BadNumber });
    }
}

public class E2GuardianUserWithSpaceTests
{
    [Theory]
    [InlineData(LogFormats.E2Guardian1, "2026.11.22 22:26:19 y7 ahmed 127.0.10.22 http://www.bbc.co.uk - GET 3088 0 - 1 200 - 127.0.10.22 pupils UA 1 - - - -")]
    [InlineData(LogFormats.E2Guardian4, "2026.11.22 22:26:19\ty7 ahmed\t127.0.10.22\thttp://www.bbc.co.uk\t-\tGET\t3088\t0\t-\t1\t200\t-\t127.0.10.22\tpupils\tUA 1\t-\t-\t-\t-")]
    public void A_user_name_with_a_space_is_kept_whole(string format, string line)
    {
        var e = ParseHelper.Event(format, line);
        Assert.Equal("y7 ahmed", e.SourceUserName);
        Assert.Equal("127.0.10.22", e.SourceIp);
        Assert.Equal("http://www.bbc.co.uk", e.Url.Original);
        Assert.Equal("UA 1", e.UserAgent);
    }
}
