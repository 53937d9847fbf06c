using System.IO.Hashing;
using System.Text;

namespace NetWatch.Core.UrlClassification;

/// <summary>One labelled search or URL text: concerning (with its theme and severity) or a harmless look-alike.</summary>
public sealed record SafeguardingExample(string Text, bool Concerning, string Theme, int Severity);

/// <summary>
/// The labelled-example format (data/safeguarding/set, and the feedback file a
/// DSL adds to): a header line <c>label theme severity text</c>, then one example a line, tab-separated; label
/// <c>concerning</c> or <c>harmless</c>, severity 1-5 (0 for harmless). Blank lines and <c># comments</c> ignored.
/// </summary>
public static class SafeguardingExamples
{
    public const string Header = "label\ttheme\tseverity\ttext";

    /// <summary>The fixed split: about 35% of texts (by a hash of the lower-cased, trimmed text) are kept for measuring.</summary>
    public static bool IsMeasure(string text) =>
        XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(text.Trim().ToLowerInvariant())) % 100 < 35;

    public static List<SafeguardingExample> Parse(string tsv, string sourceName)
    {
        var examples = new List<SafeguardingExample>();
        var lineNo = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || line == Header) continue;
            var f = line.Split('\t', 4);
            if (f.Length != 4 || string.IsNullOrWhiteSpace(f[3]))
                throw new ReferenceDataException(sourceName, lineNo, "expected 4 tab-separated columns: label, theme, severity, text");
            var concerning = f[0] switch
            {
                "concerning" => true,
                "harmless" => false,
                _ => throw new ReferenceDataException(sourceName, lineNo, $"label must be 'concerning' or 'harmless', got '{f[0]}'"),
            };
            if (!int.TryParse(f[2], out var severity) || (concerning ? severity is < 1 or > 5 : severity != 0))
                throw new ReferenceDataException(sourceName, lineNo, $"severity must be 1 to 5 for a concerning example, 0 for a harmless one; got '{f[2]}'");
            if (string.IsNullOrWhiteSpace(f[1]))
                throw new ReferenceDataException(sourceName, lineNo, "an example needs a theme");
            examples.Add(new SafeguardingExample(f[3].Trim(), concerning, f[1].Trim(), severity));
        }
        return examples;
    }

    /// <summary>One example as a line of the format.</summary>
    public static string Format(SafeguardingExample e) =>
        $"{(e.Concerning ? "concerning" : "harmless")}\t{e.Theme}\t{e.Severity}\t{e.Text.Replace('\t', ' ').Replace('\n', ' ')}";
}
