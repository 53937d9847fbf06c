using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// <see cref="ILogLineUrlReader"/>'s promise, which the alerts' read-ahead relies on to miss no alert: for any line
/// a parser makes an event of, the method and URL read alone are not found, or make URL parts equal (every part) to the event's.
/// </summary>
public class UrlReaderProperties
{
    private static readonly ParserOptions Options = new() { TimeZone = DateTimeZone.Utc };

    /// <summary>The formats whose parser reads a line's URL alone.</summary>
    public static readonly string[] Readers = LogFormats.Names.Where(n => LogFormats.CreateParser(n, Options) is ILogLineUrlReader).ToArray();

    private static readonly string[] CorpusLines = CorpusParseTests.AllFiles
        .SelectMany(d => SharedCorpus.Lines((string)d[0])).ToArray();

    /// <summary>The URL read alone: null when not found.</summary>
    private static UrlParts? ReadUrl(ILogLineParser parser, string line) =>
        ((ILogLineUrlReader)parser).TryReadUrl(line, out var method, out var url) ? LineUrl.Parts(method, url) : null;

    /// <summary>Not found, or what the full parse put in the event; anything for a line that is no event.</summary>
    private static bool Keeps(string format, string line)
    {
        var parser = LogFormats.CreateParser(format, Options);
        var e = parser.Parse(line, new EventOrigin("p", 1)).Event;
        var url = ReadUrl(parser, line);
        return e is null || url is null || url == e.Url;
    }

    [Fact]
    public void The_squid_layouts_read_the_url_alone() =>
        Assert.Equal(new[] { LogFormats.SquidNative, LogFormats.SquidCustom, LogFormats.E2Guardian3 }.Order(), Readers.Order());

    [Property(MaxTest = 500)]
    public Property Valid_lines_give_the_events_url() =>
        Prop.ForAll(Gen.Elements(Readers).SelectMany(f => ValidEventGenerators.For(f)
            .Select(e => (f, Line: LogFormats.CreateFormatter(f, Options).FormatLine(e)))).ToArbitrary(), t =>
        {
            var parser = LogFormats.CreateParser(t.f, Options);
            var e = parser.Parse(t.Line, new EventOrigin("p", 1)).Event!;
            // Read alone from a valid line, never null: the read-ahead's saving depends on it.
            Assert.Equal(e.Url, ReadUrl(parser, t.Line));
        });

    /// <summary>Damaged real lines: spaces added and removed, fields cut, "-" methods, CONNECT authorities.</summary>
    [Property(MaxTest = 3000)]
    public Property Damaged_corpus_lines() =>
        Prop.ForAll(Gen.Zip(Gen.Elements(Readers), LineDamage.Of(CorpusLines, " \t\"\\-/:.?%+&=0123456789AZaz")).ToArbitrary(),
            t => Keeps(t.Item1, t.Item2));

    [Property(MaxTest = 500)]
    public bool Arbitrary_strings(string? line) => Readers.All(f => Keeps(f, line ?? ""));

    [Theory]
    [InlineData("1705276803.335  50009 10.20.1.130 TCP_TUNNEL/200 7934 CONNECT www.example.com:443 y7 ahmed HIER_DIRECT/52.88.53.229 -")]
    [InlineData("   1705276809.770    284 10.20.1.44 TCP_MISS/200 79709 GET https://Www.Example.COM:443/a%20b?q=kill+my+self   -   HIER_DIRECT/35.102.94.88 text/html  ")]
    [InlineData("1705276809.770 284 10.20.1.44 NONE_NONE/000 0 - error:transaction-end-before-headers - HIER_NONE/- -")]
    [InlineData("1705276809.770 284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/a - HIER_DIRECT/35.102.94.88 text/html \"Mozilla 5\" \"-\"")]
    public void Odd_lines_keep_the_promise(string line)
    {
        foreach (var f in Readers) Assert.True(Keeps(f, line), f);
    }
}
