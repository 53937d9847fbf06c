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
    private static readonly string[] Reasons = typeof(ParseReasons).GetFields()
        .Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private static readonly ILogLineParser[] Parsers = LogFormats.Names.Select(n => LogFormats.CreateParser(n)).ToArray();

    private static readonly string[] CorpusLines = CorpusParseTests.AllFiles
        .SelectMany(d => SharedCorpus.Lines((string)d[0])).ToArray();

    private static bool ParsesSafely(string line)
    {
        foreach (var parser in Parsers)
        {
            var r = parser.Parse(line, new EventOrigin("prop", 1));
            if (r.IsSuccess ? r.Event!.Url is null || r.Event.Action is null : !Reasons.Contains(r.Reason)) return false;
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
    public Property Damaged_corpus_lines()
    {
        var edits = Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 3), Gen.Zip(Gen.Choose(0, 10_000), Gen.Elements(" \t\"\\-/:.*0123456789[]AZ,é\0".ToCharArray()))));
        var gen = Gen.Zip(Gen.Choose(0, CorpusLines.Length - 1), edits).Select(t => Damage(CorpusLines[t.Item1], t.Item2));
        return Prop.ForAll(gen.ToArbitrary(), ParsesSafely);
    }

    [Property(MaxTest = 300)]
    public bool The_detector_takes_any_list_of_lines(string?[] lines) =>
        FormatDetector.Detect(lines.Select(l => l ?? "").ToList()) is { } d && (d.Format is null) != (d.Reason is null);

    private static string Damage(string line, (int kind, (int at, char c))[] edits)
    {
        var sb = new StringBuilder(line);
        foreach (var (kind, (at, c)) in edits)
        {
            var i = sb.Length == 0 ? 0 : at % sb.Length;
            switch (kind)
            {
                case 0 when sb.Length > 0: sb.Remove(i, 1); break;
                case 1: sb.Insert(i, c); break;
                case 2 when sb.Length > 0: sb[i] = c; break;
                case 3: sb.Length = i; break;
            }
        }
        return sb.ToString();
    }
}
