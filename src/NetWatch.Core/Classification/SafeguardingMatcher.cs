namespace NetWatch.Core.Classification;

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
    }

    private static void Index(Dictionary<string, List<int>> index, string key, int entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(entry)) list.Add(entry);
    }

    private static Pattern Compile(string phrase) =>
        new(SafeguardingText.Words(phrase).Select(w => w.Text).ToArray());

    /// <summary>The best match in any of the texts, or null.</summary>
    public SafeguardingMatch? Match(params ReadOnlySpan<string?> texts)
    {
        Entry? best = null;
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text)) continue;
            var words = SafeguardingText.Words(text);
            if (words.Count == 0) continue;
            foreach (var i in Candidates(words))
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
        }
        return best is null ? null : new SafeguardingMatch(best.Phrase.Theme, best.Phrase.Severity, best.Phrase.Phrase);
    }

    private SortedSet<int> Candidates(List<SafeguardingText.Word> words)
    {
        var found = new SortedSet<int>();
        Span<char> buffer = stackalloc char[64];
        foreach (var w in words)
        {
            var t = w.Text.AsSpan();
            if (_firstWordLookup.TryGetValue(t, out var exact)) found.UnionWith(exact);
            if (t.Length >= FuzzyMinLength - 1 && t.Length <= buffer.Length)
                for (var k = 0; k < t.Length; k++)
                {
                    t[..k].CopyTo(buffer);
                    t[(k + 1)..].CopyTo(buffer[k..]);
                    if (_firstWordLookup.TryGetValue(buffer[..(t.Length - 1)], out var near)) found.UnionWith(near);
                }
            for (var p = 0; p + 3 <= t.Length; p++)
                if (_bySquashedTrigram.TryGetValue(Trigram(t[p..]), out var inside)) found.UnionWith(inside);
        }
        return found;
    }

    private readonly record struct Span(int Start, int End);

    private static IEnumerable<Span> Spans(Pattern pattern, List<SafeguardingText.Word> words)
    {
        var n = pattern.Words.Length;
        for (var i = 0; i + n <= words.Count; i++)
        {
            var all = true;
            for (var j = 0; j < n && all; j++) all = WordMatches(words[i + j].Text, pattern.Words[j]);
            if (all) yield return new Span(words[i].Start, words[i + n - 1].Start + words[i + n - 1].Text.Length);
        }
        if (pattern.Squashed.Length < SquashedMinLength) yield break;
        foreach (var w in words)
        {
            if (n == 1 && w.Text.Length == pattern.Squashed.Length) continue; // a whole-word match, found above
            var at = w.Text.IndexOf(pattern.Squashed, StringComparison.Ordinal);
            while (at >= 0)
            {
                yield return new Span(w.Start + at, w.Start + at + pattern.Squashed.Length);
                at = w.Text.IndexOf(pattern.Squashed, at + 1, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Equal, or (for words of 5+ letters) one letter left out, one added, or two neighbours swapped.</summary>
    internal static bool WordMatches(string text, string word)
    {
        if (text == word) return true;
        if (word.Length < FuzzyMinLength) return false;
        var d = text.Length - word.Length;
        if (d is < -1 or > 1) return false;
        var i = 0;
        while (i < text.Length && i < word.Length && text[i] == word[i]) i++;
        if (d == 0)
            return i + 1 < word.Length && text[i] == word[i + 1] && text[i + 1] == word[i]
                && text.AsSpan(i + 2).SequenceEqual(word.AsSpan(i + 2));
        return d == 1
            ? text.AsSpan(i + 1).SequenceEqual(word.AsSpan(i))
            : text.AsSpan(i).SequenceEqual(word.AsSpan(i + 1));
    }

    private static ulong Trigram(ReadOnlySpan<char> s) => (ulong)s[0] << 32 | (ulong)s[1] << 16 | s[2];
}
