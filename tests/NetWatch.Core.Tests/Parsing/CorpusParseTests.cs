using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>Every line of every corpus log: parsed and equal to what the line says, or a no-request dead letter.</summary>
public class CorpusParseTests
{
    // The corpus machine's clock was UTC; pass the zone explicitly rather than rely on London = UTC in November.
    public static readonly ParserOptions CorpusOptions = new() { TimeZone = DateTimeZone.Utc };

    public static TheoryData<string, string> AllFiles => new()
    {
        { "squid-native.log", LogFormats.SquidNative },
        { "squid-combined.log", LogFormats.SquidCombined },
        { "squid-custom.log", LogFormats.SquidCustom },
        { "e2guardian-fmt1-dansguardian.log", LogFormats.E2Guardian1 },
        { "e2guardian-fmt2-csv.log", LogFormats.E2Guardian2 },
        { "e2guardian-fmt3-squid.log", LogFormats.E2Guardian3 },
        { "e2guardian-fmt4-tab.log", LogFormats.E2Guardian4 },
        { "e2guardian-fmt6-protex.log", LogFormats.E2Guardian6 },
    };

    public static IReadOnlyList<ParseResult> ParseFile(string file, string format)
    {
        var parser = LogFormats.CreateParser(format, CorpusOptions);
        return SharedCorpus.Lines(file).Select((line, i) => parser.Parse(line, new EventOrigin(file, i + 1))).ToList();
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Every_line_parses_to_what_the_line_says_or_carries_no_request(string file, string format)
    {
        var lines = SharedCorpus.Lines(file);
        var results = ParseFile(file, format);
        Assert.Equal(format.StartsWith("squid") ? 481 : 69, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var facts = LineOracle.Read(format, lines[i]);
            var r = results[i];
            if (!r.IsSuccess)
            {
                Assert.True(r.Reason == ParseReasons.NoRequest, $"{file}:{i + 1} failed with {r.Reason} ({r.Detail})");
                Assert.Equal("-", facts.Method);
                continue;
            }
            var e = r.Event!;
            var where = $"{file}:{i + 1}";
            Assert.True(facts.Timestamp == e.Timestamp, $"{where} @timestamp {e.Timestamp} != {facts.Timestamp}");
            Assert.True(facts.Ip == e.SourceIp, $"{where} source.ip");
            Assert.True(facts.User == e.SourceUserName, $"{where} source.user.name '{e.SourceUserName}' != '{facts.User}'");
            Assert.True(facts.Method == e.Method, $"{where} method");
            Assert.True(facts.Url == e.Url.Original, $"{where} url.original '{e.Url.Original}' != '{facts.Url}'");
            Assert.True(facts.Status == e.StatusCode, $"{where} status");
            Assert.True(facts.Bytes == e.ResponseBytes, $"{where} bytes");
            Assert.Equal(EventIdentity.Compute(format, i + 1, lines[i]), e.Id);
            Assert.Equal(new EventOrigin(file, i + 1), e.Origin);
            Assert.Equal(format.StartsWith("squid") ? "squid" : "e2guardian", e.ObserverProduct);
            Assert.Equal(format.StartsWith("squid") ? "squid.access" : "e2guardian.access", e.Dataset);
        }
    }

    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Only_the_connections_that_sent_no_request_are_dead_lettered(string file, string format)
    {
        var failed = ParseFile(file, format).Select((r, i) => (r, line: i + 1)).Where(x => !x.r.IsSuccess).ToList();
        int[] expected = format.StartsWith("squid") ? [259, 352] : [];
        Assert.Equal(expected, failed.Select(f => f.line));
        Assert.All(failed, f => Assert.Equal(ParseReasons.NoRequest, f.r.Reason));
    }

    [Fact]
    public void Event_ids_are_unique_within_and_across_files()
    {
        var ids = AllFiles.SelectMany(d => ParseFile((string)d[0], (string)d[1]))
            .Where(r => r.IsSuccess).Select(r => r.Event!.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
