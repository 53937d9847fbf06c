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
