using NetWatch.Core.Urls;
using YamlDotNet.RepresentationModel;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// A window pattern of the lexicon: one alternative of every group within <see cref="Window"/> consecutive words,
/// in any order. Alternatives are normalised word sequences.
/// </summary>
public sealed record SafeguardingWindowPattern(string Theme, string Name, int Severity, int Window,
    string[][][] Groups, string[][] Exclusions);

/// <summary>
/// The wider lexical layer's data (data/safeguarding/lexicon.yaml): per theme, slang and euphemism terms (matched
/// like phrases), window patterns (intent + harm + self in any order) and cue words for the semantic screen; and
/// look-alike words (help-seeking, teaching, news) that silence a term or pattern in the same text. Parsed from
/// text; a bad entry fails with the source, line and what is wrong.
/// </summary>
public sealed class SafeguardingLexicon
{
    private static readonly Lazy<SafeguardingLexicon> DefaultLexicon = new(() =>
        Parse(EmbeddedText.Read("NetWatch.Core.safeguarding.lexicon.yaml"), "safeguarding/lexicon.yaml"));

    /// <summary>The lexicon shipped in data/safeguarding, embedded in this assembly.</summary>
    public static SafeguardingLexicon Default => DefaultLexicon.Value;

    /// <summary>The terms, as a phrase library (matched by <see cref="SafeguardingMatcher"/>).</summary>
    public SafeguardingLibrary Terms { get; }
    public IReadOnlyList<SafeguardingWindowPattern> Patterns { get; }
    /// <summary>Normalised cue word → the first theme listing it.</summary>
    public IReadOnlyDictionary<string, string> Cues { get; }
    public IReadOnlyList<string[]> LookAlikes { get; }

    private SafeguardingLexicon(SafeguardingLibrary terms, List<SafeguardingWindowPattern> patterns,
        Dictionary<string, string> cues, List<string[]> lookAlikes)
    {
        Terms = terms;
        Patterns = patterns;
        Cues = cues;
        LookAlikes = lookAlikes;
    }

    /// <summary>A phrase as the normalised words the matcher compares.</summary>
    public static string[] WordsOf(string phrase)
    {
        var n = SafeguardingText.Words(phrase);
        return n.Words.Select(w => n.Of(w).ToString()).ToArray();
    }

    public static SafeguardingLexicon Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e) { throw new ReferenceDataException(sourceName, e.Start.Line, e.Message); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "themes") is not YamlSequenceNode themes)
            throw new ReferenceDataException(sourceName, 1, "expected 'themes:' with a list of themes");

        var lookAlikes = Child(root, "look-alikes") is { } la ? Strings(la, sourceName, "look-alikes").Select(WordsOf).Where(w => w.Length > 0).ToList() : [];
        var terms = new List<SafeguardingPhrase>();
        var patterns = new List<SafeguardingWindowPattern>();
        var cues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var themeNode in themes.Children)
        {
            if (themeNode is not YamlMappingNode theme || Scalar(theme, "id") is not { Length: > 0 } id)
                throw new ReferenceDataException(sourceName, themeNode.Start.Line, "a theme must be a mapping with an 'id'");
            if (Child(theme, "terms") is YamlSequenceNode termList)
                foreach (var node in termList.Children)
                {
                    var line = node.Start.Line;
                    if (node is not YamlMappingNode entry || Scalar(entry, "term") is not { } term || WordsOf(term).Length == 0)
                        throw new ReferenceDataException(sourceName, line, $"theme '{id}': a term must be {{ term: words, severity: 1-5 }}");
                    var exclude = Child(entry, "exclude") is { } ex ? Strings(ex, sourceName, $"term '{term}': exclude") : [];
                    terms.Add(new SafeguardingPhrase(id, term.Trim(), Severity(entry, sourceName, term), exclude, terms.Count));
                }
            if (Child(theme, "patterns") is YamlSequenceNode patternList)
                foreach (var node in patternList.Children)
                {
                    var line = node.Start.Line;
                    if (node is not YamlMappingNode entry || Scalar(entry, "name") is not { Length: > 0 } name)
                        throw new ReferenceDataException(sourceName, line, $"theme '{id}': a pattern needs a 'name'");
                    if (Child(entry, "all") is not YamlSequenceNode all || all.Children.Count < 2)
                        throw new ReferenceDataException(sourceName, line, $"pattern '{name}': 'all' must list at least two groups of words");
                    var groups = all.Children.Select(g => Strings(g, sourceName, $"pattern '{name}': a group").Select(WordsOf).Where(w => w.Length > 0).ToArray()).ToArray();
                    if (groups.Any(g => g.Length == 0))
                        throw new ReferenceDataException(sourceName, line, $"pattern '{name}': a group has no words");
                    if (!int.TryParse(Scalar(entry, "window"), out var window) || window < groups.Length || window > 20)
                        throw new ReferenceDataException(sourceName, line, $"pattern '{name}': window must be a number of words from {groups.Length} to 20");
                    var exclude = Child(entry, "exclude") is { } ex ? Strings(ex, sourceName, $"pattern '{name}': exclude").Select(WordsOf).Where(w => w.Length > 0).ToArray() : [];
                    patterns.Add(new SafeguardingWindowPattern(id, name, Severity(entry, sourceName, name), window, groups, exclude));
                }
            if (Child(theme, "cues") is { } cueNode)
                foreach (var cue in Strings(cueNode, sourceName, $"theme '{id}': cues"))
                    foreach (var w in WordsOf(cue)) cues.TryAdd(w, id);
        }
        return new SafeguardingLexicon(SafeguardingLibrary.Of(terms), patterns, cues, lookAlikes);
    }

    private static int Severity(YamlMappingNode entry, string sourceName, string what)
    {
        var text = Scalar(entry, "severity");
        if (!int.TryParse(text, out var severity) || severity is < 1 or > 5)
            throw new ReferenceDataException(sourceName, entry.Start.Line, $"'{what}': severity must be 1 to 5, got '{text}'");
        return severity;
    }

    private static List<string> Strings(YamlNode node, string sourceName, string what) => node switch
    {
        YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode) =>
            seq.Children.Cast<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
        YamlScalarNode one when !string.IsNullOrEmpty(one.Value) => [one.Value],
        _ => throw new ReferenceDataException(sourceName, node.Start.Line, $"{what} must be a list of words"),
    };

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode s ? s.Value : null;
}
