using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Parsing.Syslog;

namespace NetWatch.Core.Tests.Parsing.Syslog;

public sealed class SyslogHeaderParserTests
{
    private static SyslogMessage Parse(string text)
    {
        Assert.True(SyslogHeaderParser.TryParse(text, out var message, out var error), error);
        return message!;
    }

    [Fact]
    public void Rfc5424_header_fields_and_body_are_split()
    {
        var m = Parse("<134>1 2026-11-22T08:30:01.123Z proxy01 squid 4242 ID47 - 1705276820.683 54 10.20.1.40 TCP_MISS/200");
        Assert.Equal(SyslogProtocol.Rfc5424, m.Protocol);
        Assert.Equal((16, 6), (m.Facility, m.Severity));
        Assert.Equal("2026-11-22T08:30:01.123Z", m.Timestamp);
        Assert.Equal(("proxy01", "squid", "4242", "ID47"), (m.Host, m.AppName, m.ProcId, m.MsgId));
        Assert.Null(m.StructuredData);
        Assert.Equal("1705276820.683 54 10.20.1.40 TCP_MISS/200", m.Message);
    }

    [Fact]
    public void Rfc5424_nil_fields_structured_data_with_escapes_and_a_bom()
    {
        var m = Parse("<13>1 - - - - - [exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lic\\]ation\"][x@1 a=\"b\"] \uFEFFbody text");
        Assert.Null(m.Timestamp);
        Assert.Null(m.Host);
        Assert.Null(m.AppName);
        Assert.Equal("[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"lic\\]ation\"][x@1 a=\"b\"]", m.StructuredData);
        Assert.Equal("body text", m.Message);
    }

    [Fact]
    public void Rfc5424_without_a_message()
    {
        var m = Parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 -");
        Assert.Equal("evntslog", m.AppName);
        Assert.Equal("", m.Message);
    }

    [Theory]
    [InlineData("<34>Oct 11 22:14:15 mymachine su: 'su root' failed", "mymachine", "su", null, "'su root' failed")]
    [InlineData("<13>Nov  2 08:03:04 fw01 filterlog[1234]: 5,,,1000,em0,match", "fw01", "filterlog", "1234", "5,,,1000,em0,match")]
    [InlineData("<13>Nov 22 08:03:04 squid[99]: 1705276820.683 54", null, "squid", "99", "1705276820.683 54")]
    [InlineData("<30>Nov 22 08:03:04 dnsmasq: query[A] example.com from 10.0.0.2", null, "dnsmasq", null, "query[A] example.com from 10.0.0.2")]
    public void Rfc3164_host_tag_and_pid(string text, string? host, string app, string? pid, string body)
    {
        var m = Parse(text);
        Assert.Equal(SyslogProtocol.Rfc3164, m.Protocol);
        Assert.Equal((host, app, pid, body), (m.Host, m.AppName, m.ProcId, m.Message));
        Assert.NotNull(m.Timestamp);
    }

    [Theory]
    [InlineData("", "no <PRI>")]
    [InlineData("hello", "no <PRI>")]
    [InlineData("<999>1 - - - - - -", "bad <PRI>")]
    [InlineData("<a>x", "bad <PRI>")]
    [InlineData("<13>1 2026-11-22T08:30:01Z host", "RFC 5424 header ends early")]
    [InlineData("<13>1 - - - - - [unclosed a=\"b\"", "bad RFC 5424 structured data")]
    public void Bad_headers_say_why(string text, string why)
    {
        Assert.False(SyslogHeaderParser.TryParse(text, out var message, out var error));
        Assert.Null(message);
        Assert.StartsWith(why, error);
    }

    [Property(MaxTest = 2000)]
    public void Never_throws_on_any_text(string text)
    {
        var ok = SyslogHeaderParser.TryParse(text ?? "", out var message, out var error);
        Assert.Equal(ok, message is not null);
        Assert.Equal(ok, error is null);
    }

    [Property(MaxTest = 2000)]
    public Property Never_throws_on_syslog_like_text() =>
        Prop.ForAll(
            Gen.Elements("<13>", "<134>1 ", "<0>1 - ", "<191>Nov 22 08:03:04 ", "<13>1 - - - - - [", "<13>1 - - - - - [a b=\"", "<5>")
                .SelectMany(prefix => ArbMap.Default.GeneratorFor<string>().Select(rest => prefix + rest)).ToArbitrary(),
            text =>
            {
                SyslogHeaderParser.TryParse(text ?? "", out _, out _);
                return true;
            });

    [Property]
    public Property Rfc5424_round_trips_generated_fields() =>
        Prop.ForAll(
            (from pri in Gen.Choose(0, 191)
             from host in Gen.Elements("proxy01", "fw-1.school.example", "-")
             from app in Gen.Elements("squid", "filterlog", "e2guardian", "-")
             from body in ArbMap.Default.GeneratorFor<NonNull<string>>()
             select (pri, host, app, body: body.Get.Replace("\uFEFF", ""))).ToArbitrary(),
            x =>
            {
                var m = Parse($"<{x.pri}>1 2026-11-22T08:30:01Z {x.host} {x.app} - - - {x.body}");
                return m.Facility * 8 + m.Severity == x.pri && m.Host == (x.host == "-" ? null : x.host)
                    && m.AppName == (x.app == "-" ? null : x.app) && m.Message == x.body;
            });
}
