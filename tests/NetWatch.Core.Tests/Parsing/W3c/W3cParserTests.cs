using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.W3c;
using NodaTime;
using static NetWatch.Core.Tests.Parsing.FormatSamples;

namespace NetWatch.Core.Tests.Parsing.W3c;

/// <summary>samples/formats/w3c-iis.log and w3c-tmg.log, line by line (line numbers in the file).</summary>
public class W3cParserTests
{
    private const string F = LogFormats.W3c;
    private static readonly IReadOnlyDictionary<int, ParseResult> Iis = Parse("w3c-iis.log", F);
    private static readonly IReadOnlyDictionary<int, ParseResult> Tmg = Parse("w3c-tmg.log", F);

    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Fact]
    public void Directives_are_headers_not_events()
    {
        foreach (var line in new[] { 1, 2, 3, 4, 5, 10, 11, 12, 13 })
            Assert.True(Iis[line].Reason == ParseReasons.Header, $"line {line}: {Iis[line].Reason}");
        Assert.Equal(9, Iis.Count(r => r.Value.Reason == ParseReasons.Header));
        Assert.Equal(7, Iis.Count(r => r.Value.IsSuccess));
    }

    [Fact]
    public void An_iis_line_is_read_by_the_columns_of_the_fields_directive()
    {
        var e = Event(Iis, 6);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 1), e.Timestamp);
        Assert.Equal(e.Timestamp, e.End);
        Assert.Equal(Duration.FromMilliseconds(46), e.Duration);
        Assert.Equal(e.Timestamp - Duration.FromMilliseconds(46), e.Start);
        Assert.Equal("iis", e.ObserverProduct);
        Assert.Equal("iis.access", e.Dataset);
        Assert.Equal(EventActions.Allowed, e.Action);
        Assert.Equal("10.20.7.21", e.SourceIp);
        Assert.Null(e.SourceUserName);
        Assert.Equal("10.20.0.30", e.DestinationIp);
        Assert.Equal(443, e.DestinationPort);
        Assert.Equal("GET", e.Method);
        Assert.Equal("/moodle/login/index.php", e.Url.Original);
        Assert.Equal("/moodle/login/index.php", e.Url.Path);
        Assert.Null(e.Url.Query);
        Assert.Null(e.Url.Domain);
        Assert.Equal(200, e.StatusCode);
        Assert.Null(e.ResponseBytes);
        Assert.Equal(Chrome, e.UserAgent);
        Assert.Null(e.Referrer);
        Assert.Equal(EventIdentity.Compute(F, 6, Lines("w3c-iis.log")[5]), e.Id);
    }

    [Fact]
    public void The_user_the_referrer_and_the_query_are_read()
    {
        var post = Event(Iis, 7);
        Assert.Equal(@"SCHOOL\y7.ahmed", post.SourceUserName);
        Assert.Equal("https://vle.school.example/moodle/login/index.php", post.Referrer);
        Assert.Equal(303, post.StatusCode);
        var course = Event(Iis, 8);
        Assert.Equal("/moodle/course/view.php?id=42&section=3", course.Url.Original);
        Assert.Equal("id=42&section=3", course.Url.Query);
        Assert.Equal(404, Event(Iis, 9).StatusCode);
    }

    [Fact]
    public void A_later_fields_directive_changes_the_columns_and_a_host_column_makes_an_absolute_url()
    {
        var e = Event(Iis, 14);
        Assert.Equal("https://mail.school.example/owa/", e.Url.Original);
        Assert.Equal("mail.school.example", e.Url.Domain);
        Assert.Equal("https", e.Url.Scheme);
        Assert.Equal(18211, e.ResponseBytes);
        Assert.Equal("1.1", e.HttpVersion);
        Assert.Equal("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15", e.UserAgent);
        Assert.Equal(Duration.FromMilliseconds(87), e.Duration);
    }

    [Fact]
    public void Fractional_seconds_a_query_with_a_host_and_a_non_default_port_are_kept()
    {
        var owa = Event(Iis, 15);
        Assert.Equal(Utc(2026, 11, 23, 9, 20, 2, 517), owa.Timestamp);
        Assert.Equal("https://mail.school.example/owa/service.svc?action=GetFolder", owa.Url.Original);
        Assert.Equal(401, owa.StatusCode);
        var intranet = Event(Iis, 16);
        Assert.Equal("http://intranet.school.example:8080/intranet/", intranet.Url.Original);
        Assert.Equal(8080, intranet.Url.Port);
        Assert.Null(intranet.UserAgent);
    }

    [Fact]
    public void Forefront_tmg_tab_separated_lines_with_full_urls_and_its_action_are_read()
    {
        Assert.Equal(ParseReasons.Header, Tmg[1].Reason);
        var allowed = Event(Tmg, 6);
        Assert.Equal("forefront-tmg", allowed.ObserverProduct);
        Assert.Equal("forefront_tmg.web", allowed.Dataset);
        Assert.Equal("http://www.bbc.co.uk/news", allowed.Url.Original);
        Assert.Equal("www.bbc.co.uk", allowed.Url.Domain);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0", allowed.UserAgent);
        Assert.Equal(@"SCHOOL\y7.ahmed", allowed.UserName);
        Assert.Equal("text/html", allowed.MimeType);
        Assert.Equal(48211, allowed.ResponseBytes);
        Assert.Equal(EventActions.Allowed, allowed.Action);
        Assert.Equal("198.51.100.7", allowed.DestinationIp);
        var denied = Event(Tmg, 7);
        Assert.Equal(EventActions.Denied, denied.Action);
        Assert.Equal("CONNECT", denied.Method);
        Assert.Equal("www.bet365.com:443", denied.Url.Original);
        Assert.Null(denied.StatusCode);
    }

    [Fact]
    public void A_data_line_before_any_fields_directive_is_a_dead_letter_and_reset_forgets_the_columns()
    {
        var parser = new W3cParser();
        var lines = Lines("w3c-iis.log");
        Assert.Equal(ParseReasons.NoFieldsHeader, parser.Parse(lines[5], new EventOrigin("x", 1)).Reason);
        Assert.Equal(ParseReasons.Header, parser.Parse(lines[4], new EventOrigin("x", 2)).Reason);
        Assert.True(parser.Parse(lines[5], new EventOrigin("x", 3)).IsSuccess);
        parser.Reset();
        Assert.Equal(ParseReasons.NoFieldsHeader, parser.Parse(lines[5], new EventOrigin("x", 4)).Reason);
    }

    [Fact]
    public void Without_a_date_column_the_date_directive_gives_the_day()
    {
        var parser = new W3cParser();
        parser.Parse("#Date: 2026-11-23 00:00:00", new EventOrigin("x", 1));
        parser.Parse("#Fields: time c-ip cs-method cs-uri-stem sc-status", new EventOrigin("x", 2));
        var r = parser.Parse("10:11:12 10.0.0.1 GET /a 200", new EventOrigin("x", 3));
        Assert.True(r.IsSuccess, r.Detail);
        Assert.Equal(Utc(2026, 11, 23, 10, 11, 12), r.Event!.Timestamp);
        Assert.Equal("w3c", r.Event.ObserverProduct);
    }

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("2026-11-23 09:15:01 10.20.0.30 GET /a - 443 - 10.20.7.21 - - 200 0 0", ParseReasons.FieldCount)]
    [InlineData("2026-11-32 09:15:01 10.20.0.30 GET /a - 443 - 10.20.7.21 - - 200 0 0 46", ParseReasons.BadTimestamp)]
    [InlineData("2026-11-23 09:15:61 10.20.0.30 GET /a - 443 - 10.20.7.21 - - 200 0 0 46", ParseReasons.BadTimestamp)]
    [InlineData("2026-11-23 09:15:01 10.20.0.30 GET /a - 443 - pupil-pc - - 200 0 0 46", ParseReasons.BadAddress)]
    [InlineData("2026-11-23 09:15:01 10.20.0.30 GET /a - 443 - 10.20.7.21 - - OK 0 0 46", ParseReasons.BadNumber)]
    [InlineData("2026-11-23 09:15:01 10.20.0.30 GET /a - 443 - 10.20.7.21 - - 200 0 0 4s", ParseReasons.BadNumber)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason)
    {
        var parser = new W3cParser();
        parser.Parse(Lines("w3c-iis.log")[4], new EventOrigin("x", 1));
        Assert.Equal(reason, parser.Parse(line, new EventOrigin("x", 2)).Reason);
    }

    [Fact]
    public void A_fields_directive_without_a_time_column_is_refused()
    {
        var parser = new W3cParser();
        Assert.Equal(ParseReasons.FieldCount, parser.Parse("#Fields: c-ip cs-uri-stem", new EventOrigin("x", 1)).Reason);
        Assert.Equal(ParseReasons.NoFieldsHeader, parser.Parse("10.0.0.1 /a", new EventOrigin("x", 2)).Reason);
    }
}
