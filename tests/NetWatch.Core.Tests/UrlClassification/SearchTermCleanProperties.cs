using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The search terms' cleaning (<see cref="SearchTermExtractor.Clean"/>) returns terms that are clean already as they
/// are, and gives for every text what splitting on white space and joining with one space gives.
/// </summary>
public class SearchTermCleanProperties
{
    private static readonly Gen<string> TextGen =
        Gen.Elements("maths", "a", "é", " ", "  ", "\t", "\n", "\u00A0", "\u2003", "kill", "+", "😀")
            .ListOf().Select(p => string.Concat(p));

    [Property(MaxTest = 2000)]
    public Property Clean_is_split_and_join() => Prop.ForAll(TextGen.ToArbitrary(), text =>
    {
        var joined = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var expected = joined.Length == 0 ? null : joined;
        return (SearchTermExtractor.Clean(text) == expected).Label($"'{text}' -> '{SearchTermExtractor.Clean(text)}', expected '{expected}'");
    });

    [Fact]
    public void Clean_terms_are_not_copied()
    {
        var terms = "maths homework help";
        Assert.Same(terms, SearchTermExtractor.Clean(terms));
    }
}
