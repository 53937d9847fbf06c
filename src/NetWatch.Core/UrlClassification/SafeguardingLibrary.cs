using NetWatch.Core.Urls;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.UrlClassification;

/// <summary>One phrase of the library, under its theme, with its severity and harmless look-alikes.</summary>
public sealed record SafeguardingPhrase(string Theme, string Phrase, int Severity, IReadOnlyList<string> Exclusions, int Order);

/// <summary>
/// The safeguarding phrase library (data/safeguarding/phrases.yaml): themes of the UK Safer Internet Centre's
/// monitoring definitions, each with phrases, severity 1-5 and exclusions. Parsed from text; a bad entry fails
/// with the source, line and what is wrong.
/// </summary>
public sealed class SafeguardingLibrary
{
    private static readonly Lazy<SafeguardingLibrary> DefaultLibrary = new(() =>
        Parse(EmbeddedText.Read("NetWatch.Core.safeguarding.phrases.yaml"), "safeguarding/phrases.yaml"));

    /// <summary>The library shipped in data/safeguarding, embedded in this assembly.</summary>
    public static SafeguardingLibrary Default => DefaultLibrary.Value;

    public IReadOnlyList<SafeguardingPhrase> Phrases { get; }
    public IReadOnlyList<string> Themes { get; }

    private SafeguardingLibrary(List<SafeguardingPhrase> phrases)
    {
        Phrases = phrases;
        Themes = phrases.Select(p => p.Theme).Distinct().ToArray();
    }

    /// <summary>A library of phrases built elsewhere (the lexicon's terms).</summary>
    internal static SafeguardingLibrary Of(List<SafeguardingPhrase> phrases) => new(phrases);

    public static SafeguardingLibrary Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ReferenceDataException(sourceName, e.Start.Line, e.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("themes"), out var themesNode) || themesNode is not YamlSequenceNode themes)
            throw new ReferenceDataException(sourceName, 1, "expected 'themes:' with a list of themes");

        var phrases = new List<SafeguardingPhrase>();
        foreach (var themeNode in themes.Children)
        {
            if (themeNode is not YamlMappingNode theme)
                throw new ReferenceDataException(sourceName, themeNode.Start.Line, "a theme must be a mapping with id and phrases");
            var id = Scalar(theme, "id");
            if (string.IsNullOrWhiteSpace(id))
                throw new ReferenceDataException(sourceName, theme.Start.Line, "a theme needs an 'id'");
            if (!theme.Children.TryGetValue(new YamlScalarNode("phrases"), out var list) || list is not YamlSequenceNode entries)
                throw new ReferenceDataException(sourceName, theme.Start.Line, $"theme '{id}' needs a list of 'phrases'");
            foreach (var entryNode in entries.Children)
            {
                var line = entryNode.Start.Line;
                if (entryNode is not YamlMappingNode entry)
                    throw new ReferenceDataException(sourceName, line, "a phrase must be a mapping: { phrase: ..., severity: 1-5 }");
                var phrase = Scalar(entry, "phrase");
                if (string.IsNullOrWhiteSpace(phrase) || SafeguardingText.Words(phrase).Words.Length == 0)
                    throw new ReferenceDataException(sourceName, line, $"theme '{id}': a phrase has no words");
                var severityText = Scalar(entry, "severity");
                if (!int.TryParse(severityText, out var severity) || severity is < 1 or > 5)
                    throw new ReferenceDataException(sourceName, line, $"phrase '{phrase}': severity must be 1 to 5, got '{severityText}'");
                var exclusions = new List<string>();
                if (entry.Children.TryGetValue(new YamlScalarNode("exclude"), out var ex))
                {
                    if (ex is YamlSequenceNode seq) exclusions.AddRange(seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0));
                    else if (ex is YamlScalarNode one && !string.IsNullOrEmpty(one.Value)) exclusions.Add(one.Value);
                    else throw new ReferenceDataException(sourceName, ex.Start.Line, $"phrase '{phrase}': exclude must be a list of phrases");
                }
                phrases.Add(new SafeguardingPhrase(id!, phrase!.Trim(), severity, exclusions, phrases.Count));
            }
        }
        return new SafeguardingLibrary(phrases);
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
}
