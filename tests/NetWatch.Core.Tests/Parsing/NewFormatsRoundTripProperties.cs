using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Parsing.Formatting;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// format → parse → format for the firewall, DNS and W3C formats: a generated event written as a line parses back
/// to the same logged values, and writing the parsed event gives the same line again.
/// </summary>
public class NewFormatsRoundTripProperties
{
    private static Property RoundTrips(string format)
    {
        var formatter = LogFormats.CreateFormatter(format, FormatSamples.Options);
        return Prop.ForAll(NewFormatGenerators.For(format).ToArbitrary(), e =>
        {
            var parser = LogFormats.CreateParser(format, FormatSamples.Options);
            if (format == LogFormats.W3c)
                foreach (var header in W3cFormatter.HeaderLines)
                    Assert.Equal(ParseReasons.Header, parser.Parse(header, new EventOrigin("rt", 1)).Reason);
            var line = formatter.FormatLine(e);
            var r = parser.Parse(line, new EventOrigin("rt", 3));
            Assert.True(r.IsSuccess, $"'{line}' failed: {r.Reason} {r.Detail}");
            var p = r.Event!;
            Assert.True(Carried(e) == Carried(p), $"'{line}' read back differs in: {Differences(Carried(e), Carried(p))}");
            Assert.Equal(e.Dns?.HeaderFlags ?? [], p.Dns?.HeaderFlags ?? []);
            Assert.Equal(line, formatter.FormatLine(p));
            Assert.Equal(EventIdentity.Compute(format, 3, line), p.Id);
        });
    }

    /// <summary>The logged values (<see cref="RoundTripProperties.Carried"/>), and DNS header flags, which are derived too.</summary>
    private static NetEvent Carried(NetEvent e) =>
        RoundTripProperties.Carried(e) with { Dns = e.Dns is null ? null : e.Dns with { HeaderFlags = [] } };

    private static string Differences(object a, object b) => string.Join(", ", a.GetType().GetProperties()
        .Where(pr => !Equals(pr.GetValue(a), pr.GetValue(b)))
        .Select(pr => pr.GetValue(a) is { } va && pr.GetValue(b) is { } vb && va.GetType().IsClass && va is not string
            ? $"{pr.Name}.{{{Differences(va, vb)}}}"
            : $"{pr.Name} '{pr.GetValue(a)}' != '{pr.GetValue(b)}'"));

    [Property(MaxTest = 300)] public Property Fortigate() => RoundTrips(LogFormats.Fortigate);
    [Property(MaxTest = 300)] public Property PfSense_filterlog() => RoundTrips(LogFormats.PfSenseFilterlog);
    [Property(MaxTest = 300)] public Property Dnsmasq() => RoundTrips(LogFormats.Dnsmasq);
    [Property(MaxTest = 300)] public Property Bind_query() => RoundTrips(LogFormats.BindQuery);
    [Property(MaxTest = 300)] public Property W3c() => RoundTrips(LogFormats.W3c);

    [Fact]
    public void Every_new_format_has_a_formatter_reporting_its_name()
    {
        foreach (var name in new[] { LogFormats.Fortigate, LogFormats.PfSenseFilterlog, LogFormats.Dnsmasq, LogFormats.BindQuery, LogFormats.W3c })
            Assert.Equal(name, LogFormats.CreateFormatter(name).Format);
    }
}
