namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The lexical layer: the phrase library (phrases.yaml, with its own exclusions), then the lexicon's terms and
/// window patterns, which a look-alike word in the same text silences ("kms meaning", "self harm support"). The
/// highest severity wins. Also the cheap screen in front of the semantic layer: does a text hold a cue word?
/// </summary>
public sealed class SafeguardingLexicalLayer
{
    private readonly SafeguardingMatcher _phrases;
    private readonly SafeguardingMatcher _terms;
    private readonly SafeguardingLexicon _lexicon;
    private readonly SafeguardingWindowPattern[] _patterns;
    // First word of an alternative (and, for words of 5+ letters, the word with one letter left out) → the
    // patterns and groups it starts, as (pattern << 8 | group).
    private readonly Dictionary<string, List<int>> _byWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _cueLookup;

    public static SafeguardingLexicalLayer Default { get; } = new(SafeguardingMatcher.Default, SafeguardingLexicon.Default);

    public SafeguardingLexicalLayer(SafeguardingMatcher phrases, SafeguardingLexicon lexicon)
    {
        _phrases = phrases;
        _lexicon = lexicon;
        _terms = new SafeguardingMatcher(lexicon.Terms);
        _patterns = lexicon.Patterns.ToArray();
        for (var i = 0; i < _patterns.Length; i++)
            for (var g = 0; g < _patterns[i].Groups.Length; g++)
                foreach (var alternative in _patterns[i].Groups[g])
                    foreach (var key in Keys(alternative[0]))
                    {
                        if (!_byWord.TryGetValue(key, out var list)) _byWord[key] = list = [];
                        if (!list.Contains(i << 8 | g)) list.Add(i << 8 | g);
                    }
        _wordLookup = _byWord.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var key in _byWord.Keys)
            if (key.Length >= 2) { var i = Pair(key[0], key[1]); _prefixBits[i >> 6] |= 1UL << (i & 63); }
        _cueLookup = new Dictionary<string, string>(lexicon.Cues, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static IEnumerable<string> Keys(string word)
    {
        yield return word;
        if (word.Length >= 5) for (var k = 0; k < word.Length; k++) yield return word.Remove(k, 1);
    }

    /// <summary>The best lexical match in a text, or null.</summary>
    public SafeguardingMatch? Match(SafeguardingText.Normalised text)
    {
        var best = _phrases.Match(text);
        if (best is not null) best = best with { Evidence = $"phrase \"{best.Matched}\" (phrases.yaml)" };
        SafeguardingMatch? wider = null;
        var term = _terms.Match(text);
        if (term is not null)
            wider = term with { Evidence = $"term \"{term.Matched}\" (lexicon.yaml, {term.Theme})" };
        foreach (var i in PatternCandidates(text) ?? [])
        {
            var p = _patterns[i];
            if (wider is not null && p.Severity <= wider.Severity) continue;
            if (Window(p, text) is { } words && !Contains(text, p.Exclusions))
                wider = new SafeguardingMatch(p.Theme, p.Severity, $"pattern {p.Name}", SafeguardingMatch.Lexical, null,
                    $"pattern {p.Theme}/{p.Name}: \"{string.Join(" … ", words)}\" within {p.Window} words (lexicon.yaml)");
        }
        // Look-alikes are looked for only once something matched: most texts match nothing.
        if (wider is null || (best is not null && best.Severity >= wider.Severity) || Contains(text, _lexicon.LookAlikes)) return best;
        return wider;
    }

    /// <summary>The theme of the first cue word in the text, or null: the screen in front of the semantic layer.</summary>
    public string? Cue(SafeguardingText.Normalised text)
    {
        foreach (var w in text.Words)
            if (_cueLookup.TryGetValue(text.Of(w), out var theme)) return theme;
        return null;
    }

    /// <summary>
    /// Patterns with a word of the text (or a near word) starting an alternative of EVERY group, in lexicon order;
    /// null when none (most texts start at most one group of any pattern).
    /// </summary>
    private List<int>? PatternCandidates(SafeguardingText.Normalised text)
    {
        Span<ulong> groups = _patterns.Length <= 512 ? stackalloc ulong[_patterns.Length] : new ulong[_patterns.Length]; // bit per group seen
        var any = false;
        Span<char> buffer = stackalloc char[64];
        foreach (var w in text.Words)
        {
            var t = text.Of(w);
            if ((t.Length < 2 || Has(Pair(t[0], t[1]))) && _wordLookup.TryGetValue(t, out var exact)) any |= Seen(groups, exact);
            if (t.Length < 4 || t.Length > buffer.Length) continue;
            for (var k = 0; k < t.Length; k++)
            {
                // The key without letter k starts with t[0]t[1] (k >= 2), t[0]t[2] (k = 1) or t[1]t[2] (k = 0).
                var prefix = k >= 2 ? Pair(t[0], t[1]) : k == 1 ? Pair(t[0], t[2]) : Pair(t[1], t[2]);
                if (!Has(prefix)) { if (k >= 2) break; continue; }
                t[..k].CopyTo(buffer);
                t[(k + 1)..].CopyTo(buffer[k..]);
                if (_wordLookup.TryGetValue(buffer[..(t.Length - 1)], out var near)) any |= Seen(groups, near);
            }
        }
        if (!any) return null;
        // A spacing slip can split a group's first word ("my self"): joined neighbours count too.
        for (var i = 0; i + 1 < text.Words.Length; i++)
        {
            var joined = SafeguardingMatcher.Joined(text, i);
            if (joined.Length >= 2 && Has(Pair(joined[0], joined[1])) && _wordLookup.TryGetValue(joined, out var two)) Seen(groups, two);
        }
        List<int>? found = null;
        for (var p = 0; p < groups.Length; p++)
            if (groups[p] == (1UL << _patterns[p].Groups.Length) - 1) (found ??= []).Add(p);
        return found;
    }

    private static bool Seen(Span<ulong> groups, List<int> entries)
    {
        foreach (var e in entries) groups[e >> 8] |= 1UL << (e & 0xFF);
        return true;
    }

    // A bit filter in front of the word index, by a key's first two letters: most words of most URLs start no pattern.
    private readonly ulong[] _prefixBits = new ulong[1024];
    private bool Has(int i) => (_prefixBits[i >> 6] & (1UL << (i & 63))) != 0;
    private static int Pair(char a, char b) => (a & 0xFF) << 8 | (b & 0xFF);

    /// <summary>The matched alternatives when one of every group lies within the pattern's window, else null.</summary>
    private static string[]? Window(SafeguardingWindowPattern p, SafeguardingText.Normalised text)
    {
        var n = text.Words.Length;
        // hits[g]: (first word, last word, alternative) of group g's matches.
        var hits = new List<(int Start, int End, string[] Words)>[p.Groups.Length];
        for (var g = 0; g < p.Groups.Length; g++)
        {
            hits[g] = [];
            for (var t = 0; t < n; t++)
                foreach (var alternative in p.Groups[g])
                    if (SafeguardingMatcher.MatchFrom(alternative, 0, text, t) is var end and >= 0)
                        hits[g].Add((t, end, alternative));
            if (hits[g].Count == 0) return null;
        }
        for (var s = 0; s < n; s++)
        {
            var chosen = new string[p.Groups.Length];
            var used = new List<(int, int)>();
            var ok = true;
            for (var g = 0; g < p.Groups.Length && ok; g++)
            {
                ok = false;
                // Groups must use different words: "how to" cannot also be the harm word.
                foreach (var h in hits[g])
                    if (h.Start >= s && h.End < s + p.Window && !used.Any(u => h.Start <= u.Item2 && u.Item1 <= h.End))
                    {
                        chosen[g] = string.Join(' ', h.Words);
                        used.Add((h.Start, h.End));
                        ok = true;
                        break;
                    }
            }
            if (ok) return chosen;
        }
        return null;
    }

    /// <summary>Does any of the word sequences occur in the text (spacing slips and one-letter slips allowed)?</summary>
    private static bool Contains(SafeguardingText.Normalised text, IReadOnlyList<string[]> sequences)
    {
        if (sequences.Count == 0) return false;
        for (var t = 0; t < text.Words.Length; t++)
            foreach (var s in sequences)
                if (SafeguardingMatcher.MatchFrom(s, 0, text, t) >= 0) return true;
        return false;
    }
}
