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
    private const int FuzzyMinLength = 5;
    private const int SquashedMinLength = 6;

    private sealed class Pattern(string[] words)
    {
        public string[] Words { get; } = words;
        public string Squashed { get; } = SafeguardingText.Normalise(string.Concat(words));
    }

    private sealed record Entry(SafeguardingPhrase Phrase, Pattern Pattern, Pattern[] Exclusions);

    private readonly Entry[] _entries;
    private readonly Dictionary<string, List<int>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _firstWordLookup;
    private readonly Dictionary<ulong, List<int>> _bySquashedTrigram = [];
    // Bit filters in front of the dictionaries: most words of most URLs start no phrase.
    private readonly ulong[] _trigramBits = new ulong[1024];
    private readonly ulong[] _prefixBits = new ulong[1024];

    public static SafeguardingMatcher Default { get; } = new(SafeguardingLibrary.Default);

    public SafeguardingMatcher(SafeguardingLibrary library)
    {
        _entries = library.Phrases
            .Select(p => new Entry(p, Compile(p.Phrase), p.Exclusions.Select(Compile).ToArray()))
            .ToArray();
        for (var i = 0; i < _entries.Length; i++)
        {
            var first = _entries[i].Pattern.Words[0];
            Index(_byFirstWord, first, i);
            if (first.Length >= FuzzyMinLength)
                for (var k = 0; k < first.Length; k++) Index(_byFirstWord, first.Remove(k, 1), i);
            var squashed = _entries[i].Pattern.Squashed;
            if (squashed.Length >= SquashedMinLength)
            {
                var key = Trigram(squashed.AsSpan());
                if (!_bySquashedTrigram.TryGetValue(key, out var list)) _bySquashedTrigram[key] = list = [];
                list.Add(i);
            }
        }
        _firstWordLookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in _byFirstWord.Keys) if (key.Length >= 2) Set(_prefixBits, Pair(key[0], key[1]));
        foreach (var key in _bySquashedTrigram.Keys) Set(_trigramBits, (int)(HostFingerprint.Finish(key) & 0xFFFF));
    }

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);
    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << (i & 63))) != 0;
    private static int Pair(char a, char b) => (a & 0xFF) << 8 | (b & 0xFF);

    private static void Index(Dictionary<string, List<int>> index, string key, int entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(entry)) list.Add(entry);
    }

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
        var candidates = Candidates(words);
        if (candidates is null) return best;
        foreach (var i in candidates)
        {
            var entry = _entries[i];
            if (best is not null && (entry.Phrase.Severity < best.Phrase.Severity
                || entry.Phrase.Severity == best.Phrase.Severity && entry.Phrase.Order > best.Phrase.Order)) continue;
            foreach (var span in Spans(entry.Pattern, words))
            {
                if (entry.Exclusions.Any(ex => Spans(ex, words).Any(e => e.Start < span.End && span.Start < e.End))) continue;
                best = entry;
                break;
            }
        }
        return best;
    }

    /// <summary>Phrases that may match (by first word, a near first word, or a squashed-phrase trigram), in library order.</summary>
    private SortedSet<int>? Candidates(SafeguardingText.Normalised words)
    {
        SortedSet<int>? found = null;
        Span<char> buffer = stackalloc char[64];
        // A spacing slip ("my self", "un alive"): two neighbouring words may be one phrase word.
        for (var i = 0; i + 1 < words.Words.Length; i++)
        {
            var joined = Joined(words, i);
            if (joined.Length >= 2 && Has(_prefixBits, Pair(joined[0], joined[1])) && _firstWordLookup.TryGetValue(joined, out var two))
                (found ??= []).UnionWith(two);
        }
        foreach (var w in words.Words)
        {
            var t = words.Of(w);
            if ((t.Length < 2 || Has(_prefixBits, Pair(t[0], t[1]))) && _firstWordLookup.TryGetValue(t, out var exact))
                (found ??= []).UnionWith(exact);
            if (t.Length >= FuzzyMinLength - 1 && t.Length <= buffer.Length)
                for (var k = 0; k < t.Length; k++)
                {
                    // The key without letter k starts with t[0]t[1] (k >= 2), t[0]t[2] (k = 1) or t[1]t[2] (k = 0).
                    var prefix = k >= 2 ? Pair(t[0], t[1]) : k == 1 ? Pair(t[0], t[2]) : Pair(t[1], t[2]);
                    if (!Has(_prefixBits, prefix)) { if (k >= 2) break; continue; }
                    t[..k].CopyTo(buffer);
                    t[(k + 1)..].CopyTo(buffer[k..]);
                    if (_firstWordLookup.TryGetValue(buffer[..(t.Length - 1)], out var near)) (found ??= []).UnionWith(near);
                }
            for (var p = 0; p + 3 <= t.Length; p++)
            {
                var trigram = Trigram(t[p..]);
                if (Has(_trigramBits, (int)(HostFingerprint.Finish(trigram) & 0xFFFF))
                    && _bySquashedTrigram.TryGetValue(trigram, out var inside)) (found ??= []).UnionWith(inside);
            }
        }
        return found;
    }

    private readonly record struct Span(int Start, int End);

    private static List<Span> Spans(Pattern pattern, SafeguardingText.Normalised text)
    {
        var spans = new List<Span>();
        var words = text.Words;
        var n = pattern.Words.Length;
        for (var i = 0; i < words.Length; i++)
            if (MatchFrom(pattern.Words, 0, text, i) is var end and >= 0) spans.Add(new Span(words[i].Start, words[end].End));
        if (pattern.Squashed.Length < SquashedMinLength) return spans;
        foreach (var w in words)
        {
            if (n == 1 && w.Length == pattern.Squashed.Length) continue; // a whole-word match, found above
            var word = text.Of(w);
            var from = 0;
            int at;
            while ((at = word[from..].IndexOf(pattern.Squashed, StringComparison.Ordinal)) >= 0)
            {
                spans.Add(new Span(w.Start + from + at, w.Start + from + at + pattern.Squashed.Length));
                from += at + 1;
            }
        }
        return spans;
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
        if (whole[a.Length - 1] != whole[a.Length] || !char.IsLetter(whole[a.Length])) return whole;
        return string.Concat(whole[..a.Length], whole[(a.Length + 1)..]);
    }

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

    private static ulong Trigram(ReadOnlySpan<char> s) => (ulong)s[0] << 32 | (ulong)s[1] << 16 | s[2];
}
