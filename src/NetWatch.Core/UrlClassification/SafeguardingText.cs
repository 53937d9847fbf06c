namespace NetWatch.Core.UrlClassification;

/// <summary>
/// The comparable form of text for phrase matching: lower case, accents folded (é → e), letter substitutions
/// undone inside words that mix digits and letters (s3lf → self, h4rm → harm), runs of one letter collapsed
/// (harrm → harm, kill → kil) and split into words. Squid's space stripping is handled by the matcher.
/// </summary>
public static class SafeguardingText
{
    /// <summary>A word of <see cref="Normalised.Text"/>: its range there (words are concatenated without separators).</summary>
    public readonly record struct Word(int Start, int Length)
    {
        public int End => Start + Length;
    }

    /// <summary>The normalised words of a text, concatenated, and where each one is.</summary>
    public sealed record Normalised(string Text, Word[] Words)
    {
        public ReadOnlySpan<char> Of(Word w) => Text.AsSpan(w.Start, w.Length);
    }

    public static Normalised Words(string text) => Words(text.AsSpan());

    public static Normalised Words(ReadOnlySpan<char> text)
    {
        var buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        Span<Word> words = stackalloc Word[MaxWords(text.Length)];
        var count = WordsInto(text, buffer, words, out var length);
        return new Normalised(buffer[..length].ToString(), words[..count].ToArray());
    }

    /// <summary>The most words <see cref="Words(ReadOnlySpan{char})"/> keeps of a text of this many chars.</summary>
    public static int MaxWords(int textLength) => Math.Min(256, textLength / 2 + 1);

    /// <summary>
    /// <see cref="Words(ReadOnlySpan{char})"/> into buffers of the caller's (nothing allocated): the normalised text
    /// into <paramref name="buffer"/> (as long as the text), its first <paramref name="length"/> chars; the words into
    /// <paramref name="words"/> (<see cref="MaxWords"/> long, fewer words are kept when shorter), how many returned.
    /// </summary>
    public static int WordsInto(ReadOnlySpan<char> text, Span<char> buffer, Span<Word> words, out int length)
    {
        var count = 0;
        length = 0;
        var i = 0;
        while (i < text.Length && count < words.Length)
        {
            while (i < text.Length && !IsWordChar(text[i])) i++;
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (i == start) break;
            var n = NormaliseInto(text.Slice(start, i - start), buffer[length..]);
            if (n == 0) continue;
            words[count++] = new Word(length, n);
            length += n;
        }
        return count;
    }

    /// <summary>One phrase word in comparable form.</summary>
    public static string Normalise(ReadOnlySpan<char> word)
    {
        var buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        return buffer[..NormaliseInto(word, buffer)].ToString();
    }

    private static int NormaliseInto(ReadOnlySpan<char> word, Span<char> into)
    {
        var hasLetter = false;
        var hasDigit = false;
        var hasSymbol = false;
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c)) hasDigit = true;
            else if (c is '@' or '$') hasSymbol = true;
            else if (char.IsLetter(c)) hasLetter = true;
        }
        var leet = hasLetter && (hasDigit || hasSymbol);
        var last = '\0';
        var n = 0;
        foreach (var raw in word)
        {
            var c = Fold(char.ToLowerInvariant(raw));
            if (leet) c = Unleet(c);
            if (!char.IsLetterOrDigit(c)) continue;
            if (c == last && char.IsLetter(c)) continue;
            into[n++] = c;
            last = c;
        }
        return n;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '$';

    private static char Unleet(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g',
        '@' => 'a', '$' => 's',
        _ => c,
    };

    /// <summary>Latin letters with diacritics → base letter (the runtime runs without ICU, so no Unicode decomposition).</summary>
    internal static char Fold(char c)
    {
        if (c < 0xC0) return c;
        const string from = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżžßæœ";
        const string to = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnoooooooooorrrsssstttuuuuuuuuuuwyyyzzzsao";
        var i = from.IndexOf(c);
        return i < 0 ? c : to[i];
    }
}
