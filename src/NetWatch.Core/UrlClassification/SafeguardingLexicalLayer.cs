using System.Runtime.CompilerServices;

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
    private readonly WordKeyIndex _firstWords = new();
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _cueLookup;
    // The first words and squashed phrases of the phrases and terms together: most texts start none (MayMatch).
    private readonly LexicalKeys _keys = new();
    // The same, plus the first words of one group of each pattern (PatternStarts): the one look-up per word that
    // turns away most texts before _keys and the patterns' own look-ups are asked (MayMatch).
    private readonly LexicalKeys _starts = new();

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
                    _firstWords.Add(alternative[0], i << 8 | g);
        _cueLookup = new Dictionary<string, string>(lexicon.Cues, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var matcher in new[] { _phrases, _terms })
            foreach (var keys in new[] { _keys, _starts })
            {
                foreach (var word in matcher.FirstWords) keys.AddFirstWord(word);
                foreach (var squashed in matcher.SquashedPhrases) keys.AddSquashed(squashed);
            }
        foreach (var word in PatternStarts(_patterns)) _starts.AddFirstWord(word);
    }

    /// <summary>
    /// Of each pattern, the first words of the alternatives of one group, the one least likely to occur in URL text
    /// (its shortest first word the longest: "i", "me", "on", "13" start groups of several patterns and are in many URLs).
    /// <para>Why one group is enough for <see cref="MayMatch"/> to stay exact: a pattern is a candidate
    /// (<see cref="AnyPatternCandidate"/>) only when EVERY group's bit is set, and a group's bit is set only by a word
    /// whose <see cref="WordKeyIndex.Near"/> look-ups find a key that group's alternatives added, or by two joined
    /// neighbours found as such a key exactly (<see cref="GroupsSeen"/>). Those keys are this group's first words and
    /// their one-letter-out spellings; <see cref="LexicalKeys.AddFirstWord"/> adds the very same keys to _starts, whose
    /// <see cref="LexicalKeys.MayMatch"/> asks each word's <see cref="WordKeyIndex.AnyNear"/> (Near's look-ups) and each
    /// joined pair's exact look-up. So a text whose words find nothing in _starts sets no bit of the chosen group, and
    /// completes no pattern. Which group is chosen changes only how many texts pass, never an answer.</para>
    /// </summary>
    internal static IEnumerable<string> PatternStarts(IEnumerable<SafeguardingWindowPattern> patterns) =>
        patterns.SelectMany(p => p.Groups
            .Select(group => group.Select(alternative => alternative[0]).Distinct().ToArray())
            .OrderByDescending(firstWords => firstWords.Min(w => w.Length))
            .ThenBy(firstWords => firstWords.Length)
            .First());

    /// <summary>
    /// Whether <see cref="Match"/> may find something in the normalised text (its chars and words as
    /// <see cref="SafeguardingText.WordsInto"/> writes them): false means it finds nothing. Allocates nothing.
    /// </summary>
    public bool MayMatch(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words) =>
        MayStart(text, words) && MayMatchUnscreened(text, words);

    /// <summary>
    /// Whether a phrase, a term or one group of a pattern may start in the text (<see cref="PatternStarts"/>): one
    /// look-up per word (most URL texts start nothing). False means <see cref="MayMatchUnscreened"/> is false.
    /// </summary>
    internal bool MayStart(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words) => _starts.MayMatch(text, words);

    /// <summary><see cref="MayMatch"/> without <see cref="MayStart"/> in front (as before session 36: the tests' oracle).</summary>
    internal bool MayMatchUnscreened(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words) =>
        _keys.MayMatch(text, words) || AnyPatternCandidate(text, words);

    /// <summary>
    /// <see cref="Match"/> of <see cref="SafeguardingText.Words(ReadOnlySpan{char})"/> of a text: the normalised text
    /// is built on the stack (up to 1,024 chars) and made into a <see cref="SafeguardingText.Normalised"/> only when
    /// <see cref="MayMatch"/> says a match may start in it, so a text that matches nothing allocates nothing.
    /// </summary>
    [SkipLocalsInit]
    public SafeguardingMatch? MatchText(ReadOnlySpan<char> text)
    {
        if (text.Length > StackChars) return Match(SafeguardingText.Words(text));
        Span<char> normal = stackalloc char[text.Length];
        Span<SafeguardingText.Word> words = stackalloc SafeguardingText.Word[SafeguardingText.MaxWords(text.Length)];
        var count = SafeguardingText.WordsInto(text, normal, words, out var length);
        if (!MayMatch(normal[..length], words[..count])) return null;
        return Match(new SafeguardingText.Normalised(normal[..length].ToString(), words[..count].ToArray()));
    }

    /// <summary>Longer text than this (chars) is normalised on the heap by <see cref="MatchText"/>.</summary>
    private const int StackChars = 1024;

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
        if (!GroupsSeen(text.Text, text.Words, groups)) return null;
        List<int>? found = null;
        for (var p = 0; p < groups.Length; p++)
            if (Complete(groups, p)) (found ??= []).Add(p);
        return found;
    }

    /// <summary>Whether <see cref="PatternCandidates"/> finds a pattern, without allocating.</summary>
    [SkipLocalsInit]
    private bool AnyPatternCandidate(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words)
    {
        // Most texts start no group at all: asked first without collecting what each word starts.
        var starts = false;
        foreach (var w in words)
            if (_firstWords.AnyNear(text.Slice(w.Start, w.Length))) { starts = true; break; }
        if (!starts) return false;
        Span<ulong> groups = _patterns.Length <= 512 ? stackalloc ulong[_patterns.Length] : new ulong[_patterns.Length];
        groups.Clear();
        if (!GroupsSeen(text, words, groups)) return false;
        for (var p = 0; p < groups.Length; p++)
            if (Complete(groups, p)) return true;
        return false;
    }

    private bool Complete(Span<ulong> groups, int p) => groups[p] == (1UL << _patterns[p].Groups.Length) - 1;

    /// <summary>Sets a bit per pattern group an alternative of which a word of the text starts; false when no word starts any.</summary>
    [SkipLocalsInit]
    private bool GroupsSeen(ReadOnlySpan<char> text, ReadOnlySpan<SafeguardingText.Word> words, Span<ulong> groups)
    {
        var any = false;
        foreach (var w in words)
            foreach (var starts in _firstWords.Near(text.Slice(w.Start, w.Length))) any |= Seen(groups, starts);
        if (!any) return false;
        // A spacing slip can split a group's first word ("my self"): joined neighbours count too.
        Span<char> scratch = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        for (var i = 0; i + 1 < words.Length; i++)
        {
            var joined = SafeguardingMatcher.Joined(text, words[i], words[i + 1], scratch);
            if (joined.Length >= 2 && _firstWords.Exact(joined) is { } two) Seen(groups, two);
        }
        return true;
    }

    private static bool Seen(Span<ulong> groups, List<int> entries)
    {
        foreach (var e in entries) groups[e >> 8] |= 1UL << (e & 0xFF);
        return true;
    }

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
