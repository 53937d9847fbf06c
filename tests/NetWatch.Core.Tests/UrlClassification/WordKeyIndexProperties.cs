using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.UrlClassification;

namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// The safeguarding matchers' first-word index answers as a plain dictionary of the same keys would: its filters
/// (first two letters, a hash per key) only ever save lookups that would have missed; <see cref="WordKeyIndex.AnyNear"/>
/// (the screen's question) says whether <see cref="WordKeyIndex.Near"/> finds anything.
/// </summary>
public class WordKeyIndexProperties
{
    // A small alphabet, so that words, their one-letter-out spellings and the keys meet often.
    private static readonly Gen<string> Word = Gen.Choose(1, 9).SelectMany(n => Gen.ArrayOf(Gen.Elements('a', 'b', 'e', 's', 'é', '4'), n))
        .Select(cs => new string(cs));

    [Property(MaxTest = 2000)]
    public Property A_letter_left_out_hashes_as_the_shorter_word_does() => Prop.ForAll(
        Gen.Choose(2, WordKeyIndex.MaxNearLength).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c), n))
            .Select(cs => new string(cs)).ToArbitrary(),
        Gen.Choose(0, 1000).ToArbitrary(),
        (word, at) =>
        {
            var k = at % word.Length;
            return WordKeyIndex.HashWithout(word, k) == WordKeyIndex.Hash(word.Remove(k, 1));
        });

    [Property(MaxTest = 500)]
    public Property Near_finds_what_a_plain_dictionary_finds() => Prop.ForAll(
        Gen.ArrayOf(Word).Where(k => k.Length is > 0 and < 40).ToArbitrary(),
        Gen.ArrayOf(Word).Where(w => w.Length is > 0 and < 40).ToArbitrary(),
        (keys, words) =>
        {
            var index = new WordKeyIndex();
            var plain = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                index.Add(keys[i], i);
                foreach (var key in Spellings(keys[i], WordKeyIndex.FuzzyMinLength))
                    (plain.TryGetValue(key, out var set) ? set : plain[key] = []).Add(i);
            }
            foreach (var word in words)
            {
                var expected = new SortedSet<int>();
                foreach (var asked in Spellings(word, WordKeyIndex.FuzzyMinLength - 1))
                    if (plain.TryGetValue(asked, out var set)) expected.UnionWith(set);
                var found = new SortedSet<int>();
                foreach (var list in index.Near(word)) found.UnionWith(list);
                var exact = plain.TryGetValue(word, out var e) ? e : [];
                if (!found.SetEquals(expected) || !(index.Exact(word) ?? []).ToHashSet().SetEquals(exact)) return false;
                if (index.AnyNear(word) != expected.Count > 0) return false;
            }
            return true;
        });

    [Fact]
    public void Finds_a_slip_of_a_long_word_and_nothing_for_an_unrelated_one()
    {
        var index = new WordKeyIndex();
        index.Add("suicide", 7);
        Assert.Equal([7], index.Near("sucide").All());
        Assert.Equal([7], index.Near("suiciide").All()); // a letter added: "suiciide" less one letter is the key
        Assert.Empty(index.Near("images").All());
        Assert.Equal([7], index.Exact("sucide")); // the key's own one-letter-out spellings are keys
        Assert.Null(index.Exact("images"));
    }

    /// <summary>The word, and with each letter left out when it has at least <paramref name="from"/> letters.</summary>
    private static IEnumerable<string> Spellings(string word, int from)
    {
        yield return word;
        if (word.Length >= from && word.Length <= WordKeyIndex.MaxNearLength)
            for (var k = 0; k < word.Length; k++) yield return word.Remove(k, 1);
    }
}

internal static class NearKeysExtensions
{
    public static int[] All(this WordKeyIndex.NearKeys near)
    {
        var all = new SortedSet<int>();
        foreach (var list in near) all.UnionWith(list);
        return [.. all];
    }
}
