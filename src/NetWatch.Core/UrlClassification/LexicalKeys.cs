using System.Runtime.CompilerServices;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Where a match of the phrase library or the lexicon's terms must start, both at once: a first word of a phrase or
/// term (as it is, near, or two neighbouring words joined), or a phrase or term squashed inside a word. A
/// <see cref="SafeguardingMatcher"/> looks no further than its first words (<see cref="WordKeyIndex"/>) and the
/// trigrams that start its squashed phrases (a candidate so found is then searched for that phrase inside the word);
/// this index holds the same first words with the same filters and, in place of a trigram, the squashed phrases it
/// starts, so <see cref="MayMatch"/> false means neither matcher finds anything (the window patterns have their own
/// screen, <see cref="SafeguardingLexicalLayer.MayMatch"/>). Most URL texts start nothing: they are answered without
/// the normalised text's string and word array, and with one look-up per word instead of one per matcher.
/// </summary>
internal sealed class LexicalKeys
{
    private readonly WordKeyIndex _firstWords = new();
    private readonly Dictionary<ulong, List<string>> _squashedByTrigram = [];
    private readonly ulong[] _trigramBits = new ulong[1024];

    public void AddFirstWord(string word) => _firstWords.Add(word, 0);

    /// <summary>A phrase matched squashed inside a word (6+ letters, normalised, no spaces).</summary>
    public void AddSquashed(string squashed)
    {
        var trigram = SafeguardingMatcher.Trigram(squashed);
        if (!_squashedByTrigram.TryGetValue(trigram, out var list)) _squashedByTrigram[trigram] = list = [];
        if (!list.Contains(squashed)) list.Add(squashed);
        var bit = SafeguardingMatcher.TrigramBit(trigram);
        _trigramBits[bit >> 6] |= 1UL << (bit & 63);
    }

    /// <summary>Whether a match may start in the normalised text (its words, concatenated, and their ranges).</summary>
    [SkipLocalsInit]
    public bool MayMatch(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words)
    {
        foreach (var w in words)
        {
            var t = text.Slice(w.Start, w.Length);
            if (_firstWords.AnyNear(t)) return true;
            if (HoldsSquashed(t)) return true;
        }
        // A spacing slip: two neighbouring words as one first word (a joined word is at most the text's length).
        if (words.Length < 2) return false;
        var scratch = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i + 1 < words.Length; i++)
        {
            var joined = SafeguardingMatcher.Joined(text, words[i], words[i + 1], scratch);
            if (joined.Length >= 2 && _firstWords.Exact(joined) is not null) return true;
        }
        return false;
    }

    /// <summary>Whether a squashed phrase occurs in the word (where the matchers' trigram look-up would lead).</summary>
    private bool HoldsSquashed(ReadOnlySpan<char> word)
    {
        for (var p = 0; p + 3 <= word.Length; p++)
        {
            var trigram = SafeguardingMatcher.Trigram(word[p..]);
            var bit = SafeguardingMatcher.TrigramBit(trigram);
            if ((_trigramBits[bit >> 6] & (1UL << (bit & 63))) == 0 || !_squashedByTrigram.TryGetValue(trigram, out var phrases)) continue;
            foreach (var squashed in phrases)
                if (word[p..].StartsWith(squashed, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
