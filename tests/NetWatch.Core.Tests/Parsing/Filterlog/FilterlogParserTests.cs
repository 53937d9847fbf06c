using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using static NetWatch.Core.Tests.Parsing.FormatSamples;

namespace NetWatch.Core.Tests.Parsing.Filterlog;

/// <summary>samples/formats/pfsense-filterlog.log, line by line (line numbers in the file).</summary>
public class FilterlogParserTests
{
    private const string F = LogFormats.PfSenseFilterlog;
    private static readonly IReadOnlyDictionary<int, ParseResult> Sample = Parse("pfsense-filterlog.log", F);

    [Fact]
    public void A_blocked_ipv4_tcp_packet_fills_source_destination_and_rule()
    {
        var e = Event(Sample, 1);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 2), e.Timestamp);
        Assert.Equal(EventActions.Denied, e.Action);
        Assert.Equal("pfsense.log", e.Dataset);
        Assert.Equal("pfsense", e.ObserverProduct);
        Assert.Equal("10.20.7.21", e.SourceIp);
        Assert.Equal(51544, e.SourcePort);
        Assert.Equal("203.0.113.40", e.DestinationIp);
        Assert.Equal(443, e.DestinationPort);
        Assert.Equal("tcp", e.NetworkTransport);
        Assert.Equal("", e.Url.Original);
        Assert.Null(e.Url.Domain);
        Assert.Null(e.Method);
        Assert.Null(e.UserName);
        Assert.Equal(new PfSenseFields
        {
            RuleNumber = "5", Tracker = "1000000103", Interface = "igb1", Reason = "match", Action = "block", Direction = "in",
            IpVersion = "ipv4", ProtocolId = 6, Length = 60, TcpFlags = "S",
        }, e.PfSense);
        Assert.Equal(EventIdentity.Compute(F, 1, Lines("pfsense-filterlog.log")[0]), e.Id);
    }

    [Fact]
    public void A_passed_udp_packet_is_allowed()
    {
        var e = Event(Sample, 2);
        Assert.Equal(EventActions.Allowed, e.Action);
        Assert.Equal("udp", e.NetworkTransport);
        Assert.Equal(53, e.DestinationPort);
        Assert.Equal(73, e.PfSense!.Length);
        Assert.Null(e.PfSense.TcpFlags);
    }

    [Fact]
    public void An_icmp_echo_without_a_host_in_the_header_has_no_ports_and_its_icmp_type()
    {
        var e = Event(Sample, 3);
        Assert.Equal("icmp", e.NetworkTransport);
        Assert.Null(e.SourcePort);
        Assert.Null(e.DestinationPort);
        Assert.Equal("request", e.PfSense!.IcmpType);
        Assert.Equal("192.0.2.1", e.DestinationIp);
    }

    [Fact]
    public void Opnsense_rfc5424_lines_with_structured_data_are_read()
    {
        var e = Event(Sample, 4);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 5).PlusNanoseconds(123_456_000), e.Timestamp);
        Assert.Equal("fae559338f65e11c53669fc3642c93c2", e.PfSense!.Tracker);
        Assert.Equal("out", e.PfSense.Direction);
        Assert.Equal("vtnet1", e.PfSense.Interface);
        Assert.Equal(EventActions.Allowed, e.Action);
    }

    [Fact]
    public void Ipv6_records_use_the_ipv6_field_order()
    {
        var e = Event(Sample, 5);
        Assert.Equal("fe80::208:9bff:fef3:652b", e.SourceIp);
        Assert.Equal("ff02::1:2", e.DestinationIp);
        Assert.Equal(546, e.SourcePort);
        Assert.Equal(547, e.DestinationPort);
        Assert.Equal("udp", e.NetworkTransport);
        Assert.Equal("ipv6", e.PfSense!.IpVersion);
        Assert.Equal(17, e.PfSense.ProtocolId);
        Assert.Equal(32, e.PfSense.Length);
    }

    [Fact]
    public void An_icmpv6_record_with_an_rsyslog_iso_time_is_read()
    {
        var e = Event(Sample, 6);
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 7), e.Timestamp);
        Assert.Equal("ipv6-icmp", e.NetworkTransport);
        Assert.Equal(58, e.PfSense!.ProtocolId);
        Assert.Equal(EventActions.Denied, e.Action);
    }

    [Fact]
    public void An_inbound_scan_and_igmp_are_events_and_another_program_is_not()
    {
        Assert.Equal(3389, Event(Sample, 7).DestinationPort);
        Assert.Equal("igmp", Event(Sample, 8).NetworkTransport);
        Assert.Equal(ParseReasons.NotAnEvent, Sample[9].Reason);
    }

    [Fact]
    public void The_year_comes_from_the_clock_when_none_is_configured()
    {
        var january = FormatSamples.Options with { ReferenceYear = null, Clock = new FixedClock(Utc(2027, 1, 2, 8, 0, 0)) };
        Assert.Equal(Utc(2026, 11, 23, 9, 15, 2), Event(Parse("pfsense-filterlog.log", F, january), 1).Timestamp);
        var november = FormatSamples.Options with { ReferenceYear = null, Clock = new FixedClock(Utc(2027, 11, 23, 9, 0, 0)) };
        Assert.Equal(Utc(2027, 11, 23, 9, 15, 2), Event(Parse("pfsense-filterlog.log", F, november), 1).Timestamp);
    }

    private const string Head = "Nov 23 09:15:02 pfsense filterlog[41230]: ";

    [Theory]
    [InlineData("", ParseReasons.EmptyLine)]
    [InlineData("5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,6,tcp,60,10.20.7.21,203.0.113.40,51544,443,0,S,1,,64240,,", ParseReasons.BadTimestamp)]
    [InlineData("Nov 31 09:15:02 pfsense filterlog[41230]: 5,,,1,igb1,match,block,in,4,0x0,,64,1,0,DF,17,udp,60,10.0.0.1,10.0.0.2,1,2,0", ParseReasons.BadTimestamp)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in", ParseReasons.FieldCount)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in,5,0x0,,64,31012,0,DF,6,tcp,60,10.20.7.21,203.0.113.40", ParseReasons.FieldCount)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,6,tcp,60,10.20.7.21,203.0.113.40,51544", ParseReasons.FieldCount)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,6,tcp,60,pc21,203.0.113.40,51544,443,0,S,1,,64240,,", ParseReasons.BadAddress)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,6,tcp,60,10.20.7.21,203.0.113.40,99999,443,0,S,1,,64240,,", ParseReasons.BadNumber)]
    [InlineData(Head + "5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,x,tcp,60,10.20.7.21,203.0.113.40,1,443,0,S,1,,64240,,", ParseReasons.BadNumber)]
    public void Bad_lines_fail_with_a_stable_reason(string line, string reason) => Assert.Equal(reason, One(F, line).Reason);
}
