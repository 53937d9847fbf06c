using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>The lexical normalisation: never throws, idempotent, and blind to case, punctuation and spacing slips.</summary>
public class SafeguardingTextProperties
{
    private static string Joined(SafeguardingText.Normalised n) => string.Join(' ', n.Words.Select(w => n.Of(w).ToString()));

    [Property(MaxTest = 2000)]
    public bool Never_throws_on_any_text(string text)
    {
        var n = SafeguardingText.Words(text ?? "");
        SafeguardingDetector.Default.Detect(text, text);
        return n.Words.All(w => w.Start >= 0 && w.End <= n.Text.Length && w.Length > 0);
    }

    [Property(MaxTest = 2000)]
    public bool Normalising_twice_changes_nothing(string text)
    {
        var once = SafeguardingText.Words(text ?? "");
        return Joined(SafeguardingText.Words(Joined(once))) == Joined(once);
    }

    private static readonly Gen<string> Word = Gen.Elements("how", "to", "Kill", "my", "SELF", "cut", "myself", "thinspo",
        "ways", "kms", "s3lf", "h4rm", "café", "sucide", "plug", "near", "me", "Óver", "dose");
    private static readonly Gen<string> Separator = Gen.Elements(" ", "  ", "-", "_", "+", "!", ", ", "...", "/", "?", "%20".Replace("%20", " "));
    private static readonly Gen<string[]> Words = Gen.ArrayOf(Word).Where(w => w.Length is > 0 and < 8);

    [Property(MaxTest = 1000)]
    public Property Case_and_punctuation_between_words_change_nothing() => Prop.ForAll(Words.ToArbitrary(), Separator.ToArbitrary(), (words, separator) =>
    {
        var plain = SafeguardingText.Words(string.Join(' ', words));
        var other = SafeguardingText.Words(string.Join(separator, words.Select(w => w.ToUpperInvariant())) + separator);
        return Joined(plain) == Joined(other)
            && SafeguardingDetector.Default.Detect(string.Join(' ', words)) == SafeguardingDetector.Default.Detect(string.Join(separator, words.Select(w => w.ToUpperInvariant())));
    });

    /// <summary>Every library phrase still matches when one of its words is split in two by a stray space.</summary>
    [Property(MaxTest = 1000)]
    public Property A_spacing_slip_inside_a_phrase_word_still_matches() => Prop.ForAll(
        Gen.Elements(SafeguardingLibrary.Default.Phrases.Where(p => p.Exclusions.Count == 0).Select(p => p.Phrase).ToArray()).ToArbitrary(),
        Gen.Choose(0, 1000).ToArbitrary(), (phrase, at) =>
        {
            var words = phrase.Split(' ');
            var i = at % words.Length;
            if (words[i].Length < 2) return true;
            var k = 1 + at % (words[i].Length - 1);
            words[i] = words[i][..k] + " " + words[i][k..];
            return SafeguardingMatcher.Default.Match(string.Join(' ', words)) is not null;
        });
}
