using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>The sample logs of the firewall, DNS and W3C formats (samples/formats/), parsed line by line in order.</summary>
public static class FormatSamples
{
    /// <summary>UTC, year 2026 for year-less syslog times, and a fixed clock (the samples are dated 2026-11-23).</summary>
    public static readonly ParserOptions Options = new()
    {
        TimeZone = DateTimeZone.Utc,
        ReferenceYear = 2026,
        Clock = new FixedClock(Instant.FromUtc(2026, 11, 23, 12, 0)),
    };

    public static TheoryData<string, string> Files => new()
    {
        { "fortigate.log", LogFormats.Fortigate },
        { "pfsense-filterlog.log", LogFormats.PfSenseFilterlog },
        { "dnsmasq.log", LogFormats.Dnsmasq },
        { "bind-query.log", LogFormats.BindQuery },
        { "w3c-iis.log", LogFormats.W3c },
        { "w3c-tmg.log", LogFormats.W3c },
    };

    public static string[] Lines(string file)
    {
        var text = File.ReadAllText(RepoFiles.Path("samples", "formats", file));
        if (text.EndsWith('\n')) text = text[..^1];
        return text.Split('\n');
    }

    /// <summary>Every line's result, keyed by its 1-based line number in the file.</summary>
    public static IReadOnlyDictionary<int, ParseResult> Parse(string file, string format, ParserOptions? options = null)
    {
        var parser = LogFormats.CreateParser(format, options ?? Options);
        var lines = Lines(file);
        var results = new Dictionary<int, ParseResult>();
        for (var i = 0; i < lines.Length; i++)
        {
            results[i + 1] = parser.Parse(lines[i], new EventOrigin(file, i + 1));
        }
        return results;
    }

    public static NetEvent Event(IReadOnlyDictionary<int, ParseResult> results, int line)
    {
        var r = results[line];
        Assert.True(r.IsSuccess, $"line {line}: expected an event, got {r.Reason}: {r.Detail}");
        return r.Event!;
    }

    public static ParseResult One(string format, string line, ParserOptions? options = null) =>
        LogFormats.CreateParser(format, options ?? Options).Parse(line, new EventOrigin("test.log", 3));

    public static NetEvent OneEvent(string format, string line, ParserOptions? options = null)
    {
        var r = One(format, line, options);
        Assert.True(r.IsSuccess, $"expected an event, got {r.Reason}: {r.Detail}");
        return r.Event!;
    }

    public static Instant Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) =>
        Instant.FromUtc(y, mo, d, h, mi, s).PlusNanoseconds(ms * 1_000_000L);

    public sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
