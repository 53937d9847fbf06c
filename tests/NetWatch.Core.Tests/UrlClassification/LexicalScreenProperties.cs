using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The lexical layer's screen (<see cref="SafeguardingLexicalLayer.MayMatch"/>: where a phrase, term or window pattern
/// could start) never turns away a text the layer matches: <see cref="SafeguardingLexicalLayer.MatchText"/>, which
/// builds the normalised text only when the screen lets it through, gives what <see cref="SafeguardingLexicalLayer.Match"/>
/// of <see cref="SafeguardingText.Words(string)"/> gives, for texts made of the library's phrases, the lexicon's
/// terms, pattern words and look-alikes with the slips the matchers forgive (a letter left out, added or swapped, a
/// stray space, spaces stripped, letter substitutions), URL words and junk.
/// </summary>
public class LexicalScreenProperties
{
    private static readonly SafeguardingLexicalLayer Layer = SafeguardingLexicalLayer.Default;

    private static readonly string[] Phrases = SafeguardingLibrary.Default.Phrases.Select(p => p.Phrase)
        .Concat(SafeguardingLexicon.Default.Terms.Phrases.Select(p => p.Phrase))
        .Concat(SafeguardingLexicon.Default.Terms.Phrases.SelectMany(p => p.Exclusions))
        .Concat(SafeguardingLibrary.Default.Phrases.SelectMany(p => p.Exclusions))
        .ToArray();

    private static readonly string[] PatternWords = SafeguardingLexicon.Default.Patterns
        .SelectMany(p => p.Groups.SelectMany(g => g).Concat(p.Exclusions)).Select(w => string.Join(' ', w))
        .Concat(SafeguardingLexicon.Default.LookAlikes.Select(w => string.Join(' ', w)))
        .ToArray();

    private static readonly string[] UrlWords = ["api", "v2", "id", "play", "content", "static", "images", "3418dad4", "js",
        "png", "index", "html", "user", "php", "lang", "en", "3600", "quiz", "profile", "49f49f0", "search", "q", "font", "woff2"];

    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.Elements(Phrases)),
        (2, Gen.Elements(PatternWords)),
        (3, Gen.Elements(UrlWords)),
        (1, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")))
        .SelectMany(p => Gen.Choose(0, 12).SelectMany(kind => Gen.Choose(0, 1000).Select(at => LexicalSpellings.Spelled(p, kind, at))));

    private static readonly Gen<string> Text = Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Piece, n))
        .SelectMany(pieces => Gen.Elements(" ", "/", "-", "+", "_", ".", "").Select(sep => string.Join(sep, pieces)));

    private static bool SameMatch(string text) => Equals(Layer.MatchText(text), Layer.Match(SafeguardingText.Words(text)));

    [Property(MaxTest = 5000)]
    public Property The_screen_turns_away_no_text_the_layer_matches() => Prop.ForAll(Text.ToArbitrary(), SameMatch);

    [Property(MaxTest = 1000)]
    public bool Any_text(string? text) => SameMatch(text ?? "");

    /// <summary>The screen screens: URL words start nothing; what the layer matches (slips and squashes too) passes.</summary>
    [Theory]
    [InlineData("api v2 quiz 16853", false)]
    [InlineData("images 3418dad4 png", false)]
    [InlineData("how to kill myself", true)]
    [InlineData("howtokillmyself", true)]
    [InlineData("xxhowtokillmyselfzz", true)]
    [InlineData("how to kil my self", true)]
    [InlineData("sucide", true)]
    public void Known_answers(string text, bool mayMatch)
    {
        var words = SafeguardingText.Words(text);
        Assert.Equal(mayMatch, Layer.MayMatch(words.Text, words.Words));
        if (Layer.Match(words) is not null) Assert.True(mayMatch);
    }
}
