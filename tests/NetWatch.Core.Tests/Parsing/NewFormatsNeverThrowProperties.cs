using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>
/// The firewall, DNS and W3C parsers and the detector return a result for any input: never an exception, and a
/// failure always carries one of the <see cref="ParseReasons"/>. W3C parsers are primed with each sample's
/// <c>#Fields:</c> so that damaged data lines reach the column code.
/// </summary>
public class NewFormatsNeverThrowProperties
{
    private static readonly string[] SampleLines = FormatSamples.Files
        .SelectMany(d => FormatSamples.Lines((string)d[0])).ToArray();

    private static IEnumerable<ILogLineParser> Parsers()
    {
        foreach (var name in new[] { LogFormats.Fortigate, LogFormats.PfSenseFilterlog, LogFormats.Dnsmasq, LogFormats.BindQuery, LogFormats.W3c })
            yield return LogFormats.CreateParser(name, FormatSamples.Options);
        // Default options too: the year then comes from the system clock.
        yield return LogFormats.CreateParser(LogFormats.Dnsmasq);
        foreach (var file in new[] { "w3c-iis.log", "w3c-tmg.log" })
        {
            var primed = LogFormats.CreateParser(LogFormats.W3c);
            foreach (var header in FormatSamples.Lines(file).Where(l => l.StartsWith("#Fields:")))
                primed.Parse(header, new EventOrigin("prime", 1));
            yield return primed;
        }
    }

    private static bool ParsesSafely(string line)
    {
        foreach (var parser in Parsers())
        {
            var r = parser.Parse(line, new EventOrigin("prop", 1));
            if (r.IsSuccess ? r.Event!.Url is null || r.Event.Action is null || r.Event.Dataset is null : !LineDamage.KnownReasons.Contains(r.Reason))
                return false;
        }
        FormatDetector.Detect([line, line], FormatSamples.Options);
        return true;
    }

    [Property(MaxTest = 500)]
    public bool Arbitrary_strings(string? line) => ParsesSafely(line ?? "");

    [Property(MaxTest = 300)]
    public bool Arbitrary_bytes_as_utf8_and_latin1(byte[] bytes) =>
        ParsesSafely(Encoding.UTF8.GetString(bytes)) && ParsesSafely(Encoding.Latin1.GetString(bytes));

    /// <summary>Damaged sample lines reach far deeper into the parsers than random text.</summary>
    [Property(MaxTest = 2000)]
    public Property Damaged_sample_lines() =>
        Prop.ForAll(LineDamage.Of(SampleLines, " \t\"\\-=/:.,#[]()<>@*0123456789AZaz\0é").ToArbitrary(), ParsesSafely);

    [Property(MaxTest = 200)]
    public bool The_detector_takes_any_mix_of_sample_lines_and_text(string?[] extra, int seed)
    {
        var rnd = new Random(seed);
        var lines = SampleLines.OrderBy(_ => rnd.Next()).Take(rnd.Next(0, 20)).Concat(extra.Select(l => l ?? "")).ToList();
        var d = FormatDetector.Detect(lines, FormatSamples.Options);
        return (d.Format is null) != (d.Reason is null);
    }
}
