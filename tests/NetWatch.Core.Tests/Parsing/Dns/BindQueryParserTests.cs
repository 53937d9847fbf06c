using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using static NetWatch.Core.Tests.Parsing.FormatSamples;

namespace NetWatch.Core.Tests.Parsing.Dns;

/// <summary>samples/formats/bind-query.log, line by line (line numbers in the file).</summary>
public class BindQueryParserTests
{
    private const string F = LogFormats.BindQuery;
    private static readonly IReadOnlyDictionary<int, ParseResult> Sample = Parse("bind-query.log", F);

    [Fact]
    public void A_query_line_is_a_dns_query_with_client_server_class_type_and_flags()
    {
        var e = Event(Sample, 1);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 1, 123), e.Timestamp);
        Assert.Equal(EventActions.DnsQuery, e.Action);
        Assert.Equal("bind.query", e.Dataset);
        Assert.Equal("bind", e.ObserverProduct);
        Assert.Equal("10.20.7.21", e.SourceIp);
        Assert.Equal(51544, e.SourcePort);
        Assert.Equal("10.20.0.2", e.DestinationIp);
        Assert.Equal("udp", e.NetworkTransport);
        Assert.Equal("www.tiktok.com", e.Url.Original);
        Assert.Equal("www.tiktok.com", e.Url.Domain);
        Assert.Equal("www.tiktok.com", e.Dns!.QuestionName);
        Assert.Equal("A", e.Dns.QuestionType);
        Assert.Equal("IN", e.Dns.QuestionClass);
        Assert.Equal(["RD"], e.Dns.HeaderFlags);
        Assert.Equal(EventIdentity.Compute(F, 1, Lines("bind-query.log")[0]), e.Id);
    }

    [Fact]
    public void Dnssec_ok_tcp_and_checking_disabled_flags_are_read()
    {
        Assert.Equal(["RD", "DO"], Event(Sample, 2).Dns!.HeaderFlags);
        var tcp = Event(Sample, 4);
        Assert.Equal("tcp", tcp.NetworkTransport);
        var noRecursion = Event(Sample, 5);
        Assert.Equal(["CD"], noRecursion.Dns!.HeaderFlags);
    }

    [Fact]
    public void Category_severity_and_view_prefixes_are_skipped()
    {
        Assert.Equal("HTTPS", Event(Sample, 3).Dns!.QuestionType);
        Assert.Equal("www.bbc.co.uk", Event(Sample, 3).Url.Domain);
        Assert.Equal("unblock-proxy.example", Event(Sample, 4).Dns!.QuestionName);
    }

    [Fact]
    public void An_old_style_line_without_the_client_object_and_an_ipv6_client_are_read()
    {
        var e = Event(Sample, 5);
        Assert.Equal("2001:db8:20::7:25", e.SourceIp);
        Assert.Equal(49152, e.SourcePort);
        Assert.Equal("2001:db8:20::2", e.DestinationIp);
    }

    [Fact]
    public void Syslog_and_iso_8601_times_are_read()
    {
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 6), Event(Sample, 6).Timestamp);
        var iso = Event(Sample, 7);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 7, 321), iso.Timestamp);
        Assert.Equal("SRV", iso.Dns!.QuestionType);
        Assert.Equal("_ldap._tcp.dc._msdcs.school.example", iso.Dns.QuestionName);
    }

    [Fact]
    public void Other_bind_lines_are_not_events()
    {
        Assert.Equal(ParseReasons.NotAnEvent, Sample[8].Reason);
    }

    [Fact]
    public void The_print_time_is_local_time_in_the_configured_zone()
    {
        var london = FormatSamples.Options with { TimeZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"] };
        var e = OneEvent(F, "01-Jul-2026 09:15:01.123 client 10.0.0.5#53012 (a.example): query: a.example IN A + (10.0.0.1)", london);
        Assert.Equal(Utc(2026, 7, 1, 8, 15, 1, 123), e.Timestamp);
    }

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("client 10.0.0.5#53012 (a.example): query: a.example IN A + (10.0.0.1)", ParseReasons.BadTimestamp)]
    [InlineData("31-Nov-2026 09:15:01.123 client 10.0.0.5#53012 (a.example): query: a.example IN A + (10.0.0.1)", ParseReasons.BadTimestamp)]
    [InlineData("23-Nov-2026 09:15:01.123 client 10.0.0.5 (a.example): query: a.example IN A + (10.0.0.1)", ParseReasons.BadAddress)]
    [InlineData("23-Nov-2026 09:15:01.123 client pc#53012 (a.example): query: a.example IN A + (10.0.0.1)", ParseReasons.BadAddress)]
    [InlineData("23-Nov-2026 09:15:01.123 client 10.0.0.5#53012 (a.example): query: a.example IN A", ParseReasons.FieldCount)]
    [InlineData("23-Nov-2026 09:15:01.123 client 10.0.0.5#53012 (a.example): query: a.example IN A + 10.0.0.1", ParseReasons.BadAddress)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, One(F, line).Reason);
}
