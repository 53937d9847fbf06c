using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;
using static NetWatch.Core.Tests.Parsing.FormatSamples;

namespace NetWatch.Core.Tests.Parsing.Fortigate;

/// <summary>samples/formats/fortigate.log, line by line (line numbers in the file).</summary>
public class FortigateParserTests
{
    private const string F = LogFormats.Fortigate;
    private static readonly IReadOnlyDictionary<int, ParseResult> Sample = Parse("fortigate.log", F);

    [Fact]
    public void A_blocked_web_filter_line_maps_to_ecs_and_keeps_fortigate_fields()
    {
        var e = Event(Sample, 1);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 2).PlusNanoseconds(123_456_789), e.Timestamp);
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Equal("fortinet_fortigate.log", e.Dataset);
        Assert.Equal("fortigate", e.ObserverProduct);
        Assert.Equal("10.20.7.21", e.SourceIp);
        Assert.Equal(51544, e.SourcePort);
        Assert.Equal("203.0.113.40", e.DestinationIp);
        Assert.Equal(443, e.DestinationPort);
        Assert.Equal("tcp", e.NetworkTransport);
        Assert.Equal("y7.ahmed", e.SourceUserName);
        Assert.Equal("y7.ahmed", e.UserName);
        Assert.Equal("https://www.tiktok.com/foryou", e.Url.Original);
        Assert.Equal("www.tiktok.com", e.Url.Domain);
        Assert.Equal("/foryou", e.Url.Path);
        Assert.Equal(517, e.SourceBytes);
        Assert.Equal(0, e.DestinationBytes);
        Assert.Null(e.Duration);
        Assert.Null(e.Method);
        Assert.Equal(new FortinetFields
        {
            Type = "utm", Subtype = "webfilter", EventType = "ftgd_blk", Action = "blocked", LogId = "0316013056",
            Level = "warning", DeviceName = "FGT-SCHOOL", VirtualDomain = "root", PolicyId = "12", Profile = "pupils-web",
            Category = 37, CategoryDescription = "Social Networking", Service = "HTTPS", SessionId = 4412031,
            Message = "URL belongs to a denied category in policy",
        }, e.Fortinet);
        Assert.Equal(EventIdentity.Compute(F, 1, Lines("fortigate.log")[0]), e.Id);
        Assert.Equal(new EventOrigin("fortigate.log", 1), e.Origin);
    }

    [Fact]
    public void FortiOS_6_path_only_url_is_joined_to_the_hostname_and_epoch_seconds_are_read()
    {
        var e = Event(Sample, 2);
        Assert.Equal(Utc(2026, 11, 23, 9, 16, 10), e.Timestamp);
        Assert.Equal(EventActions.Allowed, e.Action);
        Assert.Equal("http://www.bbc.co.uk/news/technology", e.Url.Original);
        Assert.Equal("www.bbc.co.uk", e.Url.Domain);
        Assert.Equal("http://www.bbc.co.uk/news", e.Referrer);
        Assert.Equal("passthrough", e.Fortinet!.Action);
        Assert.Equal("News and Media", e.Fortinet.CategoryDescription);
        Assert.Equal(51022, e.DestinationBytes);
    }

    [Fact]
    public void A_closed_traffic_session_has_no_url_but_a_destination_and_a_duration()
    {
        var e = Event(Sample, 3);
        Assert.Equal("", e.Url.Original);
        Assert.Null(e.Url.Domain);
        Assert.Equal("192.0.2.80", e.DestinationIp);
        Assert.Equal(Duration.FromSeconds(62), e.Duration);
        Assert.Equal(e.Timestamp, e.End);
        Assert.Equal(e.Timestamp - Duration.FromSeconds(62), e.Start);
        Assert.Equal(EventActions.Allowed, e.Action);
        Assert.Equal("j.smith", e.UserName);
        Assert.Equal(88213, e.DestinationBytes);
        Assert.Equal("traffic", e.Fortinet!.Type);
        Assert.Equal("close", e.Fortinet.Action);
    }

    [Fact]
    public void A_denied_session_is_denied_and_has_no_user()
    {
        var e = Event(Sample, 4);
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Null(e.SourceUserName);
        Assert.Equal(853, e.DestinationPort);
        Assert.Equal(Utc(2026, 11, 23, 9, 18, 3, 500), e.Timestamp);
    }

    [Fact]
    public void A_dns_filter_line_is_a_dns_query_for_the_name()
    {
        var e = Event(Sample, 5);
        Assert.Equal(EventActions.DnsQuery, e.Action);
        Assert.Equal(new DnsFields { QuestionName = "www.bet365.com", QuestionType = "A", QuestionClass = "IN" } with { HeaderFlags = e.Dns!.HeaderFlags }, e.Dns);
        Assert.Equal("www.bet365.com", e.Url.Domain);
        Assert.Equal("udp", e.NetworkTransport);
        Assert.Equal("Gambling", e.Fortinet!.CategoryDescription);
    }

    [Fact]
    public void A_system_event_is_not_an_event()
    {
        Assert.Equal(ParseReasons.NotAnEvent, Sample[6].Reason);
        Assert.Contains("type=event", Sample[6].Detail);
    }

    [Fact]
    public void A_pri_glued_to_the_first_key_spaces_in_quoted_values_and_escaped_quotes_are_read()
    {
        var e = Event(Sample, 7);
        Assert.Equal("Y8 Wilson", e.SourceUserName);
        Assert.Equal("URL was blocked because it is in the URL filter list: \"*unblock*\"", e.Fortinet!.Message);
        Assert.Equal("https://unblock-proxy.example/browse.php?u=https%3A%2F%2Fwww.reddit.com%2F", e.Url.Original);
        Assert.Equal("u=https%3A%2F%2Fwww.reddit.com%2F", e.Url.Query);
        Assert.Equal("urlfilter", e.Fortinet.EventType);
        Assert.Equal(EventActions.Denied, e.Action);
    }

    [Fact]
    public void A_syslog_header_before_the_pairs_is_skipped()
    {
        var e = Event(Sample, 8);
        Assert.Equal("https://classroom.google.com/c/NjQ1", e.Url.Original);
        Assert.Equal("a.patel", e.UserName);
        Assert.Equal("Education", e.Fortinet!.CategoryDescription);
    }

    [Fact]
    public void Without_eventtime_or_tz_the_date_and_time_are_in_the_configured_zone()
    {
        var newYork = FormatSamples.Options with { TimeZone = DateTimeZoneProviders.Tzdb["America/New_York"] };
        var e = Event(Parse("fortigate.log", F, newYork), 9);
        Assert.Equal(Utc(2026, 11, 23, 14, 30, 0), e.Timestamp);
        Assert.Equal("accept", e.Fortinet!.Action);
        Assert.Equal(EventActions.Allowed, e.Action);
        Assert.Equal(Duration.FromSeconds(3), e.Duration);
        Assert.Equal("HTTP", e.Fortinet.Service);
    }

    [Fact]
    public void Without_eventtime_the_tz_offset_is_applied()
    {
        var e = OneEvent(F, "date=2026-07-01 time=10:00:00 tz=\"+0100\" type=\"utm\" subtype=\"webfilter\" action=\"passthrough\" srcip=10.0.0.1 hostname=\"a.example\" url=\"/\"");
        Assert.Equal(Utc(2026, 7, 1, 9, 0, 0), e.Timestamp);
        Assert.Equal("http://a.example/", e.Url.Original);
    }

    [Fact]
    public void The_sni_names_the_site_when_there_is_no_hostname()
    {
        var e = OneEvent(F, "date=2026-11-23 time=10:00:00 type=\"traffic\" subtype=\"forward\" action=\"close\" srcip=10.0.0.1 dstip=192.0.2.1 dstport=443 sni=\"www.youtube.com\"");
        Assert.Equal("www.youtube.com", e.Url.Domain);
        Assert.Equal("www.youtube.com", e.Fortinet!.Sni);
        Assert.Null(e.Url.Path);
    }

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("hello world", ParseReasons.FieldCount)]
    [InlineData("date=2026-11-23 time=10:00:00 subtype=\"forward\" srcip=10.0.0.1", ParseReasons.FieldCount)]
    [InlineData("date=2026-11-23 time=10:00:00 type=\"traffic\" msg=\"unclosed", ParseReasons.BadQuoting)]
    [InlineData("date=2026-13-23 time=10:00:00 type=\"traffic\"", ParseReasons.BadTimestamp)]
    [InlineData("type=\"traffic\" srcip=10.0.0.1", ParseReasons.BadTimestamp)]
    [InlineData("date=2026-11-23 time=10:00:00 type=\"traffic\" srcip=school-pc", ParseReasons.BadAddress)]
    [InlineData("date=2026-11-23 time=10:00:00 type=\"traffic\" srcport=70000", ParseReasons.BadNumber)]
    [InlineData("date=2026-11-23 time=10:00:00 type=\"traffic\" sentbyte=12x", ParseReasons.BadNumber)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, One(F, line).Reason);

    [Theory]
    [InlineData("blocked", "", EventActions.Denied)]
    [InlineData("deny", "", EventActions.Denied)]
    [InlineData("passthrough", "ftgd_blk", EventActions.Denied)]
    [InlineData("passthrough", "ftgd_allow", EventActions.Allowed)]
    [InlineData("server-rst", "", EventActions.Allowed)]
    [InlineData("timeout", "", EventActions.Allowed)]
    [InlineData("ip-conn", "", EventActions.Error)]
    public void Actions_follow_the_documented_mapping(string action, string eventType, string expected)
    {
        var e = OneEvent(F, $"date=2026-11-23 time=10:00:00 type=\"utm\" action=\"{action}\" eventtype=\"{eventType}\" srcip=10.0.0.1");
        Assert.Equal(expected, e.Action);
    }
}
