using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>Parsers and the detector return a result for any input: never an exception, always a known reason.</summary>
public class NeverThrowProperties
{
    private static readonly ILogLineParser[] Parsers = LogFormats.Names.Select(n => LogFormats.CreateParser(n)).ToArray();

    private static readonly string[] CorpusLines = CorpusParseTests.AllFiles
        .SelectMany(d => SharedCorpus.Lines((string)d[0])).ToArray();

    private static bool ParsesSafely(string line)
    {
        foreach (var parser in Parsers)
        {
            var r = parser.Parse(line, new EventOrigin("prop", 1));
            if (r.IsSuccess ? r.Event!.Url is null || r.Event.Action is null : !LineDamage.KnownReasons.Contains(r.Reason)) return false;
        }
        FormatDetector.Detect([line, line]);
        return true;
    }

    [Property(MaxTest = 1000)]
    public bool Arbitrary_strings(string? line) => ParsesSafely(line ?? "");

    [Property(MaxTest = 1000)]
    public bool Arbitrary_bytes_as_utf8_and_latin1(byte[] bytes) =>
        ParsesSafely(Encoding.UTF8.GetString(bytes)) && ParsesSafely(Encoding.Latin1.GetString(bytes));

    /// <summary>Damaged real lines reach far deeper into the parsers than random text.</summary>
    [Property(MaxTest = 3000)]
    public Property Damaged_corpus_lines() =>
        Prop.ForAll(LineDamage.Of(CorpusLines, " \t\"\\-/:.*0123456789[]AZ,é\0").ToArbitrary(), ParsesSafely);

    [Property(MaxTest = 300)]
    public bool The_detector_takes_any_list_of_lines(string?[] lines) =>
        FormatDetector.Detect(lines.Select(l => l ?? "").ToList()) is { } d && (d.Format is null) != (d.Reason is null);
}
