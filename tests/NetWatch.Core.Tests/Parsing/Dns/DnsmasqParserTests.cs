using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using static NetWatch.Core.Tests.Parsing.FormatSamples;

namespace NetWatch.Core.Tests.Parsing.Dns;

/// <summary>samples/formats/dnsmasq.log, line by line (line numbers in the file).</summary>
public class DnsmasqParserTests
{
    private const string F = LogFormats.Dnsmasq;
    private static readonly IReadOnlyDictionary<int, ParseResult> Sample = Parse("dnsmasq.log", F);

    [Fact]
    public void A_query_line_is_a_dns_query_event_for_the_name()
    {
        var e = Event(Sample, 1);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 1), e.Timestamp);
        Assert.Equal(EventActions.DnsQuery, e.Action);
        Assert.Equal("dnsmasq.log", e.Dataset);
        Assert.Equal("dnsmasq", e.ObserverProduct);
        Assert.Equal("10.20.7.21", e.SourceIp);
        Assert.Null(e.SourcePort);
        Assert.Equal("www.tiktok.com", e.Url.Original);
        Assert.Equal("www.tiktok.com", e.Url.Domain);
        Assert.Null(e.Url.Scheme);
        Assert.Null(e.Url.Path);
        Assert.Null(e.Url.Port);
        Assert.Equal("www.tiktok.com", e.Dns!.QuestionName);
        Assert.Equal("A", e.Dns.QuestionType);
        Assert.Null(e.Dns.QuestionClass);
        Assert.Null(e.Method);
        Assert.Null(e.StatusCode);
        Assert.Equal(EventIdentity.Compute(F, 1, Lines("dnsmasq.log")[0]), e.Id);
    }

    [Fact]
    public void Forwarded_reply_cached_and_config_lines_are_not_events()
    {
        foreach (var line in new[] { 2, 3, 4, 6, 10 })
            Assert.True(Sample[line].Reason == ParseReasons.NotAnEvent, $"line {line}: {Sample[line].Reason}");
    }

    [Fact]
    public void Each_query_type_is_kept_as_logged()
    {
        Assert.Equal("AAAA", Event(Sample, 5).Dns!.QuestionType);
        Assert.Equal("HTTPS", Event(Sample, 7).Dns!.QuestionType);
        Assert.Equal("PTR", Event(Sample, 8).Dns!.QuestionType);
        Assert.Equal("type=65", Event(Sample, 11).Dns!.QuestionType);
    }

    [Fact]
    public void A_host_in_the_syslog_header_and_a_space_padded_day_are_read()
    {
        var e = Event(Sample, 7);
        Assert.Equal(Utc(2026, 11, 3, 8, 5, 9), e.Timestamp);
        Assert.Equal("www.bbc.co.uk", e.Url.Domain);
        Assert.Equal("10.20.7.22", e.SourceIp);
    }

    [Fact]
    public void Log_queries_extra_gives_the_client_port()
    {
        var e = Event(Sample, 9);
        Assert.Equal("10.20.7.24", e.SourceIp);
        Assert.Equal(52811, e.SourcePort);
        Assert.Equal("unblock-proxy.example", e.Dns!.QuestionName);
    }

    [Fact]
    public void An_ipv6_client_and_another_dnsmasq_program_are_handled()
    {
        Assert.Equal("fe80::1c2d:3e4f:5a6b:7c8d", Event(Sample, 11).SourceIp);
        Assert.Equal(ParseReasons.NotAnEvent, Sample[12].Reason);
    }

    [Fact]
    public void The_syslog_time_is_local_time_in_the_configured_zone()
    {
        var london = FormatSamples.Options with { TimeZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"] };
        var e = OneEvent(F, "Jul  3 09:15:01 dnsmasq[812]: query[A] www.tiktok.com from 10.20.7.21", london);
        Assert.Equal(Utc(2026, 7, 3, 8, 15, 1), e.Timestamp);
    }

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("query[A] www.tiktok.com from 10.20.7.21", ParseReasons.BadTimestamp)]
    [InlineData("Nov 23 25:15:01 dnsmasq[812]: query[A] www.tiktok.com from 10.20.7.21", ParseReasons.BadTimestamp)]
    [InlineData("Nov 23 09:15:01 dnsmasq[812]: query[A] www.tiktok.com", ParseReasons.FieldCount)]
    [InlineData("Nov 23 09:15:01 dnsmasq[812]: query[A] www.tiktok.com from 10.20.7.21 extra", ParseReasons.FieldCount)]
    [InlineData("Nov 23 09:15:01 dnsmasq[812]: query[A] www.tiktok.com from pupil-pc", ParseReasons.BadAddress)]
    [InlineData("Nov 23 09:15:01 dnsmasq[812]: 7 10.0.0.1/port query[A] a.example from 10.0.0.1", ParseReasons.BadNumber)]
    [InlineData("Nov 23 09:15:01 sshd[812]: Accepted publickey for root", ParseReasons.NotAnEvent)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, One(F, line).Reason);
}
