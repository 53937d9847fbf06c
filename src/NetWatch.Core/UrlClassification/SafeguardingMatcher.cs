using System.Numerics;

namespace NetWatch.Core.UrlClassification;

/// <summary>
/// Finds library phrases in text (search terms, URL text). A phrase matches on word boundaries, word by word,
/// after <see cref="SafeguardingText"/> normalisation; a word of 5+ letters may also differ by one letter left out,
/// added or two swapped (sucide, suicdie). Because Squid strips spaces ("howtoselfharm"), a phrase whose letters
/// run to 6 or more also matches inside a single word. A match overlapping a match of one of the phrase's
/// exclusions is ignored. The highest severity wins, then the earliest phrase in the library.
/// </summary>
public sealed class SafeguardingMatcher
{
    private const int FuzzyMinLength = WordKeyIndex.FuzzyMinLength;
    private const int SquashedMinLength = 6;

    private sealed class Pattern(string[] words)
    {
        public string[] Words { get; } = words;
        public string Squashed { get; } = SafeguardingText.Normalise(string.Concat(words));
    }

    private sealed record Entry(SafeguardingPhrase Phrase, Pattern Pattern, Pattern[] Exclusions);

    private readonly Entry[] _entries;
    private readonly WordKeyIndex _firstWords = new();
    private readonly Dictionary<ulong, List<int>> _bySquashedTrigram = [];
    // A bit filter in front of the trigram dictionary: most words of most URLs hold no phrase squashed.
    private readonly ulong[] _trigramBits = new ulong[1024];

    public static SafeguardingMatcher Default { get; } = new(SafeguardingLibrary.Default);

    public SafeguardingMatcher(SafeguardingLibrary library)
    {
        _entries = library.Phrases
            .Select(p => new Entry(p, Compile(p.Phrase), p.Exclusions.Select(Compile).ToArray()))
            .ToArray();
        for (var i = 0; i < _entries.Length; i++)
        {
            _firstWords.Add(_entries[i].Pattern.Words[0], i);
            var squashed = _entries[i].Pattern.Squashed;
            if (squashed.Length >= SquashedMinLength)
            {
                var key = Trigram(squashed.AsSpan());
                if (!_bySquashedTrigram.TryGetValue(key, out var list)) _bySquashedTrigram[key] = list = [];
                list.Add(i);
            }
        }
        foreach (var key in _bySquashedTrigram.Keys) Set(_trigramBits, TrigramBit(key));
    }

    /// <summary>The first word of each phrase (for <see cref="LexicalKeys"/>).</summary>
    internal IEnumerable<string> FirstWords => _entries.Select(e => e.Pattern.Words[0]);

    /// <summary>Each phrase matched squashed inside a word, as it is looked for there (for <see cref="LexicalKeys"/>).</summary>
    internal IEnumerable<string> SquashedPhrases => _entries.Select(e => e.Pattern.Squashed).Where(s => s.Length >= SquashedMinLength);

    /// <summary>The bit of the trigram filter a squashed-phrase trigram sets.</summary>
    internal static int TrigramBit(ulong trigram) => (int)(HostFingerprint.Finish(trigram) & 0xFFFF);

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);
    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;

    private static Pattern Compile(string phrase)
    {
        var n = SafeguardingText.Words(phrase);
        return new Pattern(n.Words.Select(w => n.Of(w).ToString()).ToArray());
    }

    /// <summary>The best match in any of the texts, or null.</summary>
    public SafeguardingMatch? Match(params ReadOnlySpan<string?> texts)
    {
        Entry? best = null;
        foreach (var text in texts)
            if (!string.IsNullOrEmpty(text)) best = Best(SafeguardingText.Words(text), best);
        return ToMatch(best);
    }

    /// <summary>The best match in text already normalised.</summary>
    public SafeguardingMatch? Match(SafeguardingText.Normalised words) => ToMatch(Best(words, null));

    private static SafeguardingMatch? ToMatch(Entry? best) =>
        best is null ? null : new SafeguardingMatch(best.Phrase.Theme, best.Phrase.Severity, best.Phrase.Phrase);

    private Entry? Best(SafeguardingText.Normalised words, Entry? best)
    {
        if (words.Words.Length == 0) return best;
        // One bit per library entry: the candidates, walked in library order.
        var blocks = (_entries.Length + 63) / 64;
        var candidates = blocks <= 64 ? stackalloc ulong[blocks] : new ulong[blocks];
        if (!Candidates(words, candidates)) return best;
        for (var block = 0; block < blocks; block++)
            for (var bits = candidates[block]; bits != 0; bits &= bits - 1)
            {
                var entry = _entries[block * 64 + BitOperations.TrailingZeroCount(bits)];
                if (best is not null && (entry.Phrase.Severity < best.Phrase.Severity
                    || entry.Phrase.Severity == best.Phrase.Severity && entry.Phrase.Order > best.Phrase.Order)) continue;
                if (HasFreeHit(entry, words)) best = entry;
            }
        return best;
    }

    /// <summary>Does the phrase occur somewhere that none of its exclusions overlaps?</summary>
    private static bool HasFreeHit(Entry entry, SafeguardingText.Normalised words)
    {
        foreach (var hit in new Hits(entry.Pattern, words))
            if (!Excluded(entry.Exclusions, words, hit)) return true;
        return false;
    }

    private static bool Excluded(Pattern[] exclusions, SafeguardingText.Normalised words, Hit hit)
    {
        foreach (var exclusion in exclusions)
            foreach (var e in new Hits(exclusion, words))
                if (e.Start < hit.End && hit.Start < e.End) return true;
        return false;
    }

    /// <summary>
    /// Marks the phrases that may match (by first word, a near first word, or a squashed-phrase trigram); false
    /// when there are none.
    /// </summary>
    private bool Candidates(SafeguardingText.Normalised words, Span<ulong> found)
    {
        var any = false;
        // A spacing slip ("my self", "un alive"): two neighbouring words may be one phrase word.
        for (var i = 0; i + 1 < words.Words.Length; i++)
        {
            var joined = Joined(words, i);
            if (joined.Length >= 2 && _firstWords.Exact(joined) is { } two) any |= Mark(found, two);
        }
        foreach (var w in words.Words)
        {
            var t = words.Of(w);
            foreach (var starts in _firstWords.Near(t)) any |= Mark(found, starts);
            for (var p = 0; p + 3 <= t.Length; p++)
            {
                var trigram = Trigram(t[p..]);
                if (Has(_trigramBits, TrigramBit(trigram))
                    && _bySquashedTrigram.TryGetValue(trigram, out var inside)) any |= Mark(found, inside);
            }
        }
        return any;
    }

    private static bool Mark(Span<ulong> found, List<int> entries)
    {
        foreach (var e in entries) found[e >> 6] |= 1UL << (e & 63);
        return true;
    }

    private readonly record struct Hit(int Start, int End);

    /// <summary>
    /// Where a pattern occurs in the text, as ranges of <see cref="SafeguardingText.Normalised.Text"/>: word by word
    /// from each word, then (for a pattern of 6+ letters) squashed inside single words. Enumerated without allocating.
    /// </summary>
    private ref struct Hits
    {
        private readonly Pattern _pattern;
        private readonly SafeguardingText.Normalised _text;
        private int _word;
        private bool _squashing;
        private int _from;

        public Hits(Pattern pattern, SafeguardingText.Normalised text)
        {
            _pattern = pattern;
            _text = text;
            _word = -1;
        }

        public Hit Current { get; private set; }

        public readonly Hits GetEnumerator() => this;

        public bool MoveNext()
        {
            var words = _text.Words;
            if (!_squashing)
            {
                while (++_word < words.Length)
                    if (MatchFrom(_pattern.Words, 0, _text, _word) is var end and >= 0)
                    {
                        Current = new Hit(words[_word].Start, words[end].End);
                        return true;
                    }
                if (_pattern.Squashed.Length < SquashedMinLength) return false;
                _squashing = true;
                _word = 0;
                _from = 0;
            }
            for (; _word < words.Length; _word++, _from = 0)
            {
                var w = words[_word];
                if (_pattern.Words.Length == 1 && w.Length == _pattern.Squashed.Length) continue; // a whole-word match, found above
                var at = _text.Of(w)[_from..].IndexOf(_pattern.Squashed, StringComparison.Ordinal);
                if (at < 0) continue;
                Current = new Hit(w.Start + _from + at, w.Start + _from + at + _pattern.Squashed.Length);
                _from += at + 1;
                return true;
            }
            return false;
        }
    }

    /// <summary>
    /// The index of the last text word when the pattern words from <paramref name="p"/> match the text words from
    /// <paramref name="t"/> in sequence, else -1. Words are concatenated in <see cref="SafeguardingText.Normalised.Text"/>,
    /// so a pattern word may also be two neighbouring text words written apart ("my self" for "myself").
    /// </summary>
    internal static int MatchFrom(string[] pattern, int p, SafeguardingText.Normalised text, int t)
    {
        if (p == pattern.Length) return t - 1;
        var words = text.Words;
        if (t >= words.Length) return -1;
        // One text word (possibly with a slip), else two written apart; the second is tried when the first leads
        // nowhere ("anorexi a tips": "anorexi" is a slip of "anorexia", but "anorexi a" is the word).
        if (WordMatches(text.Of(words[t]), pattern[p]) && MatchFrom(pattern, p + 1, text, t + 1) is var end and >= 0) return end;
        if (t + 1 < words.Length && Joined(text, t).SequenceEqual(pattern[p])) return MatchFrom(pattern, p + 1, text, t + 2);
        return -1;
    }

    /// <summary>
    /// Text words t and t+1 as one word: adjacent in the normalised text, less the second's first letter when it
    /// repeats the first's last (doubled letters collapse: "we ed" is "wed", as "weed" is).
    /// </summary>
    internal static ReadOnlySpan<char> Joined(SafeguardingText.Normalised text, int t)
    {
        var a = text.Words[t];
        var b = text.Words[t + 1];
        var whole = text.Text.AsSpan(a.Start, a.Length + b.Length);
        if (!JoinDropsLetter(whole, a.Length)) return whole;
        return string.Concat(whole[..a.Length], whole[(a.Length + 1)..]);
    }

    /// <summary>
    /// <see cref="Joined(SafeguardingText.Normalised, int)"/> of neighbouring words <paramref name="a"/> and
    /// <paramref name="b"/> of a normalised text, without allocating: the text itself, or the joined word written into
    /// <paramref name="scratch"/> (at least as long as the two words).
    /// </summary>
    internal static ReadOnlySpan<char> Joined(ReadOnlySpan<char> text, SafeguardingText.Word a, SafeguardingText.Word b, Span<char> scratch)
    {
        var whole = text.Slice(a.Start, a.Length + b.Length);
        if (!JoinDropsLetter(whole, a.Length)) return whole;
        whole[..a.Length].CopyTo(scratch);
        whole[(a.Length + 1)..].CopyTo(scratch[a.Length..]);
        return scratch[..(whole.Length - 1)];
    }

    private static bool JoinDropsLetter(ReadOnlySpan<char> whole, int first) =>
        whole[first - 1] == whole[first] && char.IsLetter(whole[first]);

    /// <summary>Equal, or (for words of 5+ letters) one letter left out, one added, or two neighbours swapped.</summary>
    internal static bool WordMatches(ReadOnlySpan<char> text, string word)
    {
        if (text.SequenceEqual(word)) return true;
        if (word.Length < FuzzyMinLength) return false;
        var d = text.Length - word.Length;
        if (d is < -1 or > 1) return false;
        var i = 0;
        while (i < text.Length && i < word.Length && text[i] == word[i]) i++;
        if (d == 0)
            return i + 1 < word.Length && text[i] == word[i + 1] && text[i + 1] == word[i]
                && text[(i + 2)..].SequenceEqual(word.AsSpan(i + 2));
        return d == 1
            ? text[(i + 1)..].SequenceEqual(word.AsSpan(i))
            : text[i..].SequenceEqual(word.AsSpan(i + 1));
    }

    internal static ulong Trigram(ReadOnlySpan<char> s) => (ulong)s[0] << 32 | (ulong)s[1] << 16 | s[2];
}
