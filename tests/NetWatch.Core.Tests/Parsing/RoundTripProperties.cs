using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// format → parse → format, per format: a generated valid event written as a line parses back to the same
/// values, and writing the parsed event gives the same line again.
/// </summary>
public class RoundTripProperties
{
    // UTC: in a zone with DST the repeated autumn hour cannot round-trip through local time (documented loss).
    private static readonly ParserOptions Options = new() { TimeZone = DateTimeZone.Utc };

    private static Property RoundTrips(string format)
    {
        var formatter = LogFormats.CreateFormatter(format, Options);
        var parser = LogFormats.CreateParser(format, Options);
        return Prop.ForAll(ValidEventGenerators.For(format).ToArbitrary(), e =>
        {
            var line = formatter.FormatLine(e);
            var r = parser.Parse(line, new EventOrigin("rt", 3));
            Assert.True(r.IsSuccess, $"'{line}' failed: {r.Reason} {r.Detail}");
            var p = r.Event!;
            Assert.Equal(Carried(e), Carried(p));
            Assert.Equal(line, formatter.FormatLine(p));
            Assert.Equal(EventIdentity.Compute(format, 3, line), p.Id);
            Assert.Equal(p.Duration is { } d ? p.Timestamp - d : null, p.Start);
        });
    }

    /// <summary>The logged values: derived fields (id, origin, action, url parts, start/end, user.name) are dropped.</summary>
    internal static NetEvent Carried(NetEvent e) => e with
    {
        Id = default,
        Origin = default,
        Action = "",
        Dataset = "",
        ObserverProduct = "",
        Url = new UrlParts { Original = e.Url.Original },
        UserName = null,
        Start = null,
        End = null,
    };

    [Property(MaxTest = 300)] public Property Squid_native() => RoundTrips(LogFormats.SquidNative);
    [Property(MaxTest = 300)] public Property Squid_combined() => RoundTrips(LogFormats.SquidCombined);
    [Property(MaxTest = 300)] public Property Squid_custom() => RoundTrips(LogFormats.SquidCustom);
    [Property(MaxTest = 300)] public Property E2Guardian_1() => RoundTrips(LogFormats.E2Guardian1);
    [Property(MaxTest = 300)] public Property E2Guardian_2() => RoundTrips(LogFormats.E2Guardian2);
    [Property(MaxTest = 300)] public Property E2Guardian_3() => RoundTrips(LogFormats.E2Guardian3);
    [Property(MaxTest = 300)] public Property E2Guardian_4() => RoundTrips(LogFormats.E2Guardian4);
    [Property(MaxTest = 300)] public Property E2Guardian_6() => RoundTrips(LogFormats.E2Guardian6);

    [Fact]
    public void Every_corpus_line_is_reproduced_by_its_formatter_where_the_format_is_fully_carried()
    {
        // Squid native, e2guardian 3 and 6 keep every field of the line in the event, so the formatter must give the
        // line back byte for byte.
        foreach (var (file, format) in new[] { ("squid-native.log", LogFormats.SquidNative), ("e2guardian-fmt3-squid.log", LogFormats.E2Guardian3), ("e2guardian-fmt6-protex.log", LogFormats.E2Guardian6) })
        {
            var lines = SharedCorpus.Lines(file);
            var formatter = LogFormats.CreateFormatter(format, CorpusParseTests.CorpusOptions);
            var results = CorpusParseTests.ParseFile(file, format);
            for (var i = 0; i < lines.Length; i++)
                if (results[i].IsSuccess) Assert.Equal(lines[i], formatter.FormatLine(results[i].Event!));
        }
    }
}
