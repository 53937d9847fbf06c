using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Syslog;

namespace NetWatch.Core.Tests.Parsing.Syslog;

public sealed class SyslogRoutingParserTests
{
    private const string SquidLine = "1705276820.683     54 10.20.1.40 TCP_MISS/200 14866 GET http://www.bbc.co.uk/news staff.n.gill HIER_DIRECT/34.103.160.13 text/html";

    private static readonly SyslogRoutingParser Parser = new([
        new SyslogRule("fw*", "filterlog", LogFormats.CreateParser(LogFormats.E2Guardian6)),
        new SyslogRule(null, "squid", LogFormats.CreateParser(LogFormats.SquidNative)),
    ]);

    [Theory]
    [InlineData("<134>1 2026-11-22T08:30:01Z proxy01 squid - - - " + SquidLine)]
    [InlineData("<134>Nov 22 08:30:01 proxy01 squid[77]: " + SquidLine)]
    [InlineData("<134>Nov 22 08:30:01 SQUID: " + SquidLine)]
    public void The_app_name_picks_the_body_parser(string message)
    {
        var result = Parser.Parse(message, new EventOrigin("syslog", 7));
        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal("squid", result.Event!.ObserverProduct);
        Assert.Equal("http://www.bbc.co.uk/news", result.Event.Url.Original);
        Assert.Equal(EventIdentity.Compute(LogFormats.SquidNative, 7, SquidLine), result.Event.Id);
    }

    private static readonly ParserOptions Year2026 = new() { ReferenceYear = 2026 };

    private static readonly SyslogRoutingParser Bodies = new([
        new SyslogRule(null, "filterlog", LogFormats.CreateParser(LogFormats.PfSenseFilterlog, Year2026)),
        new SyslogRule(null, "dnsmasq", LogFormats.CreateParser(LogFormats.Dnsmasq, Year2026)),
        new SyslogRule(null, "named", LogFormats.CreateParser(LogFormats.BindQuery, Year2026)),
    ], Year2026);

    private const string FilterlogBody = "5,,,1000000103,igb1,match,block,in,4,0x0,,64,31012,0,DF,6,tcp,60,10.20.7.21,203.0.113.40,51544,443,0,S,2283491101,,64240,,mss";
    private const string DnsmasqBody = "query[A] www.tiktok.com from 10.20.7.21";
    private const string BindBody = "client @0x7f3b5c0a2d68 10.20.7.21#51544 (www.tiktok.com): query: www.tiktok.com IN A +E(0)K (10.20.0.2)";

    /// <summary>filterlog, dnsmasq and BIND write no time in their message: over syslog the header's time is the event's.</summary>
    [Theory]
    [InlineData("<134>Nov 23 09:15:02 fw1 filterlog[41230]: " + FilterlogBody, "pfsense")]
    [InlineData("<134>1 2026-11-23T09:15:02.000+00:00 fw1 filterlog 41230 - - " + FilterlogBody, "pfsense")]
    [InlineData("<30>Nov 23 09:15:02 dns1 dnsmasq[812]: " + DnsmasqBody, "dnsmasq")]
    [InlineData("<30>1 2026-11-23T09:15:02Z dns1 dnsmasq 812 - - " + DnsmasqBody, "dnsmasq")]
    [InlineData("<30>Nov 23 09:15:02 dns1 named[812]: " + BindBody, "bind")]
    [InlineData("<30>1 2026-11-23T09:15:02Z dns1 named 812 - - queries: info: " + BindBody, "bind")]
    [InlineData("<30>1 2026-11-23T09:15:02Z dns1 named 812 - - " + BindBody + "\n", "bind")]
    [InlineData("<30>1 2026-11-23T09:15:02Z dns1 dnsmasq 812 - - " + DnsmasqBody + "\r\n", "dnsmasq")]
    public void A_body_without_a_time_takes_the_headers_time(string message, string product)
    {
        var result = Bodies.Parse(message, new EventOrigin("syslog", 3));
        Assert.True(result.IsSuccess, result.Reason + ": " + result.Detail);
        Assert.Equal(product, result.Event!.ObserverProduct);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 23, 9, 15, 2), result.Event.Timestamp);
        Assert.Equal("10.20.7.21", result.Event.SourceIp);
    }

    [Fact]
    public void A_body_with_its_own_syslog_line_keeps_its_own_time_and_a_header_without_one_is_a_bad_timestamp()
    {
        var forwarded = Bodies.Parse("<134>1 2026-12-01T10:00:00Z relay filterlog - - - Nov 23 09:15:02 fw1 filterlog[41230]: " + FilterlogBody, new EventOrigin("syslog", 1));
        Assert.True(forwarded.IsSuccess, forwarded.Detail);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 23, 9, 15, 2), forwarded.Event!.Timestamp);
        var noTime = Bodies.Parse("<30>1 - dns1 dnsmasq 812 - - " + DnsmasqBody, new EventOrigin("syslog", 2));
        Assert.Equal(ParseReasons.BadTimestamp, noTime.Reason);
    }

    [Fact]
    public void No_matching_rule_and_a_bad_header_are_failures_with_reasons()
    {
        var noRule = Parser.Parse("<134>1 - proxy01 sshd - - - hello", new EventOrigin("syslog", 1));
        Assert.Equal(SyslogRoutingParser.NoRule, noRule.Reason);
        Assert.Contains("sshd", noRule.Detail);
        Assert.Equal(SyslogRoutingParser.BadHeader, Parser.Parse("no header", new EventOrigin("syslog", 2)).Reason);
    }

    [Theory]
    [InlineData("fw*", "FW01.school", true)]
    [InlineData("fw*", "proxy", false)]
    [InlineData("*.school.example", "fw.school.example", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("*", "", true)]
    public void Glob_patterns(string pattern, string text, bool matches) => Assert.Equal(matches, Glob.Matches(pattern, text));

    [Property(MaxTest = 1000)]
    public void Routing_never_throws(string text) => Parser.Parse(text ?? "", new EventOrigin("syslog", 1));
}
