using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NodaTime;

namespace NetWatch.Pipeline.Tests.ReadAhead;

/// <summary>
/// The read-ahead's screen misses nothing: over generated blocks (lines of the Squid layouts and of a format without
/// a URL reader, with URLs carrying the phrase library's phrases in many spellings, search engines' queries, CONNECT
/// authorities, damaged and odd lines), <see cref="LineScreen.Candidates"/> gives the same events, in the same order,
/// as the screen before it: every line parsed (<see cref="ParseStage"/>), each event's URL parts checked.
/// </summary>
public class LineScreenProperties
{
    private static readonly string[] Formats = [LogFormats.SquidNative, LogFormats.SquidCustom, LogFormats.E2Guardian3, LogFormats.SquidCombined];

    private static readonly string[] Phrases = SafeguardingLibrary.Default.Phrases.Select(p => p.Phrase).ToArray();

    private static Gen<string> Spelled(string text) => Gen.Choose(0, 5).Select(style => style switch
    {
        0 => text.Replace(' ', '+'),
        1 => text.Replace(" ", "%20"),
        2 => text.Replace(' ', '-').ToUpperInvariant(),
        3 => text.Replace(" ", ""),
        4 => string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}")),
        _ => text.Replace('e', '3').Replace(' ', '_'),
    });

    private static readonly Gen<string> Text = Gen.Frequency(
        (2, Gen.Elements(Phrases).SelectMany(Spelled)),
        (3, Gen.Elements("img", "3418dad4.png", "api", "quiz", "kill", "self", "harm", "how", "%zz", "café", "a+b", "index.html")));

    private static readonly Gen<string> Url = Gen.Frequency(
        (6, from scheme in Gen.Elements("http", "https", "HTTP")
            from host in Gen.Elements("example.com", "www.google.com", "youtube.com", "www.bing.com", "10.1.2.3", "bücher.de", "exa mple.com")
            from path in Gen.ArrayOf(Text).Select(p => string.Join('/', p.Take(3)))
            from query in Gen.Frequency((2, Gen.Constant("")), (2, Text.Select(t => "?q=" + t)), (1, Text.Select(t => "?id=" + t + "&q=cats")))
            select $"{scheme}://{host}/{path}{query}"),
        (1, Gen.Elements("www.example.com:443", "www.google.com:443", "10.1.2.3:8443")),
        (1, Text));

    private static readonly Gen<string> Method = Gen.Frequency((8, Gen.Constant("GET")), (1, Gen.Elements("CONNECT", "POST", "-")));

    private static Gen<string> Line(string format) =>
        from url in Url
        from method in Method
        from user in Gen.Elements("-", "y7.ahmed", "y7 ahmed")
        from elapsed in Gen.Choose(0, 99999)
        select format == LogFormats.SquidCombined
            ? $"10.0.0.1 - {user.Replace(' ', '_')} [05/Dec/2026:00:00:00 +0000] \"{method} {url} HTTP/1.1\" 200 123 \"-\" \"UA\" TCP_MISS:HIER_DIRECT"
            : $"1705276809.770 {elapsed,6} 10.0.0.1 TCP_MISS/200 79709 {method} {url} {user} HIER_DIRECT/35.102.94.88 text/html"
              + (format == LogFormats.SquidCustom ? " \"Mozilla 5\" \"-\"" : "");

    /// <summary>A line cut, a character dropped or put in: fields missing or run together, spaces doubled.</summary>
    private static Gen<string> Damaged(string line) =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, Math.Max(0, line.Length - 1))
        from c in Gen.Elements(' ', '"', '/', '-', '%', 'x')
        select kind switch
        {
            0 => line[..at],
            1 => line.Remove(at, 1),
            2 => line.Insert(at, c.ToString()),
            _ => line,
        };

    internal static Gen<(string Format, string[] Lines)> Block =>
        from format in Gen.Elements(Formats)
        from lines in Gen.ArrayOf(Line(format).SelectMany(l => Gen.Frequency((4, Gen.Constant(l)), (1, Damaged(l)))))
        select (format, lines);

    /// <summary>One block of the lines (none: an empty block), read as the read-ahead reads a file.</summary>
    internal static LineBlock ToBlock(string[] lines)
    {
        using var reader = new LineBlockReader(new StringReader(string.Join('\n', lines) + "\n"), "proxy", 1 << 20);
        return reader.Read() ?? new LineBlock("proxy", 1, [], [], [], 0);
    }

    /// <summary>The read-ahead's screen before <see cref="LineScreen"/>: the block parsed whole, each event's URL checked.</summary>
    private static List<NetEvent> Before(LineBlock block, ILogLineParser parser) =>
        new ParseStage(parser, SystemClock.Instance).Parse(block).Events.Where(e => LexicalUrlScreen.Default.MayAlert(e.Url)).ToList();

    [Property(MaxTest = 1000)]
    public Property The_same_candidates_as_parsing_every_line() => Prop.ForAll(Block.ToArbitrary(), b =>
    {
        var parser = LogFormats.CreateParser(b.Format);
        var block = ToBlock(b.Lines);
        var before = Before(block, parser);
        var now = new LineScreen().Candidates(block, parser) ?? [];
        Assert.Equal(before.Select(e => (e.Id, e.Origin, e.Url)), now.Select(e => (e.Id, e.Origin, e.Url)));
        return true;
    });

    [Fact]
    public void A_block_with_an_alert_gives_its_event_and_nothing_else()
    {
        var lines = new[]
        {
            "1705276809.770    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/img/3418dad4.png staff.n.hudson HIER_DIRECT/35.102.94.88 text/html",
            "1705276809.771    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/how-to-kill-myself staff.n.hudson HIER_DIRECT/35.102.94.88 text/html",
            "1705276809.772    284 10.20.1.44 TCP_MISS/200 79709 GET https://example.com/how-to-kill-myself", // no event: cut short
            "1705276809.773  50009 10.20.1.130 TCP_TUNNEL/200 7934 CONNECT www.example.com:443 staff.y.wilson HIER_DIRECT/52.88.53.229 -",
        };
        var found = new LineScreen().Candidates(ToBlock(lines), LogFormats.CreateParser(LogFormats.SquidNative));
        Assert.Equal([2L], found!.Select(e => e.Origin.LineNumber));
    }
}
