using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The lexical screen's front (<see cref="SafeguardingLexicalLayer.MayStart"/>, session 36: one look-up per word in an
/// index of the phrases' and terms' first words and squashed phrases and of one group of each window pattern) turns
/// away no text the screen without it lets through (<see cref="SafeguardingLexicalLayer.MayMatchUnscreened"/>, the
/// screen before session 36, the oracle): for texts made of complete window patterns (one alternative of every group,
/// in any order, within the window, among URL words), the library's phrases and the lexicon's terms, each spelled the
/// ways the normaliser and the matchers read through (case, separators, '+', percent-escapes, letter substitutions,
/// accents, a letter left out, doubled or swapped, stray or stripped spaces, squashed into a longer word).
/// The read-ahead's check (<see cref="LexicalUrlScreen"/>) and classification reach the layer only through
/// <see cref="SafeguardingLexicalLayer.MatchText"/>, whose one change is this front, so the same answers here are the
/// same answers for every URL (and <see cref="LexicalUrlScreenProperties"/> still holds the URL way to the parts' way).
/// </summary>
public class LexicalStartsProperties
{
    private static readonly SafeguardingLexicalLayer Layer = SafeguardingLexicalLayer.Default;
    private static readonly SafeguardingLexicon Lexicon = SafeguardingLexicon.Default;

    private static readonly string[] Phrases = SafeguardingLibrary.Default.Phrases.Select(p => p.Phrase)
        .Concat(Lexicon.Terms.Phrases.Select(p => p.Phrase))
        .ToArray();

    private static readonly string[] UrlWords = ["api", "v2", "id", "play", "content", "static", "images", "3418dad4", "js",
        "png", "index", "html", "user", "php", "lang", "en", "3600", "quiz", "profile", "site", "class", "page", "form"];

    private static Gen<string> SpelledGen(string text) =>
        Gen.Choose(0, 14).SelectMany(kind => Gen.Choose(0, 1000).Select(at => LexicalSpellings.Spelled(text, kind, at)));

    /// <summary>
    /// One alternative of every group of a pattern, each spelled, in a shuffled order, with URL words between them
    /// within the window; all chosen by a seed (a pattern's groups vary in number).
    /// </summary>
    private static readonly Gen<string[]> Pattern = Gen.Choose(0, int.MaxValue - 1).Select(seed =>
    {
        var random = new Random(seed);
        var p = Lexicon.Patterns[random.Next(Lexicon.Patterns.Count)];
        var picks = p.Groups.Select(g => LexicalSpellings.Spelled(string.Join(' ', g[random.Next(g.Length)]), random.Next(15), random.Next(1000))).ToArray();
        random.Shuffle(picks);
        var spare = p.Window - p.Groups.Length;
        var words = new List<string>();
        foreach (var pick in picks)
        {
            words.Add(pick);
            if (spare > 0 && random.Next(2) == 0) { words.Add(UrlWords[random.Next(UrlWords.Length)]); spare--; }
        }
        return words.ToArray();
    });

    private static readonly Gen<string[]> Piece = Gen.Frequency(
        (3, Gen.Elements(Phrases).SelectMany(SpelledGen).Select(s => new[] { s })),
        (3, Gen.Elements(UrlWords).Select(s => new[] { s })),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => new[] { s ?? "" })));

    private static readonly Gen<string> Text =
        from pattern in Pattern
        from before in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Piece, n))
        from after in Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Piece, n))
        from sep in Gen.Elements(" ", "/", "-", "+", "_", ".", "%20", "")
        select string.Join(sep, before.SelectMany(x => x).Concat(pattern).Concat(after.SelectMany(x => x)));

    private static bool SameAnswer(string text)
    {
        var words = SafeguardingText.Words(text);
        var oracle = Layer.MayMatchUnscreened(words.Text, words.Words);
        return Layer.MayMatch(words.Text, words.Words) == oracle
               && (oracle || Layer.Match(words) is null)
               && Equals(Layer.MatchText(text), Layer.Match(words));
    }

    [Property(MaxTest = 5000)]
    public Property Texts_with_patterns_phrases_and_terms_get_the_same_answer() => Prop.ForAll(Text.ToArbitrary(), SameAnswer);

    [Property(MaxTest = 1000)]
    public bool Any_text(string? text) => SameAnswer(text ?? "");

    /// <summary>
    /// Every alternative of every group of every pattern, with the other groups' first alternatives, in each order of
    /// the groups: where the screen without the front lets the text through, the front does. Exhaustive, so leaving any
    /// chosen group's word out of the front fails here.
    /// </summary>
    [Fact]
    public void Every_alternative_of_every_pattern_passes_the_front()
    {
        var missed = new List<string>();
        foreach (var p in Lexicon.Patterns)
            for (var g = 0; g < p.Groups.Length; g++)
                foreach (var alternative in p.Groups[g])
                {
                    var picks = p.Groups.Select((group, i) => string.Join(' ', i == g ? alternative : group[0])).ToArray();
                    foreach (var text in new[] { string.Join(' ', picks), string.Join(' ', picks.Reverse()), string.Join("", picks) })
                    {
                        var words = SafeguardingText.Words(text);
                        if (Layer.MayMatchUnscreened(words.Text, words.Words) && !Layer.MayMatch(words.Text, words.Words)) missed.Add($"{p.Name}: {text}");
                    }
                }
        Assert.Empty(missed);
    }

    /// <summary>The front turns away the common URL texts (what it is for), and lets the library through.</summary>
    [Theory]
    [InlineData("api v2 quiz 16853", false)]
    [InlineData("images 3418dad4 png", false)]
    [InlineData("static js index html", false)]
    [InlineData("how to kill myself", true)]
    [InlineData("howtokillmyself", true)]
    [InlineData("sucide", true)]
    [InlineData("paracetamol", true)]
    public void Known_answers(string text, bool mayStart)
    {
        var words = SafeguardingText.Words(text);
        Assert.Equal(mayStart, Layer.MayStart(words.Text, words.Words));
    }

    /// <summary>Of each pattern exactly one group's first words are in the front.</summary>
    [Fact]
    public void One_group_of_each_pattern()
    {
        var starts = SafeguardingLexicalLayer.PatternStarts(Lexicon.Patterns).ToHashSet();
        foreach (var p in Lexicon.Patterns)
            Assert.Contains(p.Groups, g => g.All(a => starts.Contains(a[0])));
    }
}
