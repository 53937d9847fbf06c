namespace NetWatch.Core.Classification;

/// <summary>
/// The comparable form of text for phrase matching: lower case, accents folded (é → e), letter substitutions
/// undone inside words that mix digits and letters (s3lf → self, h4rm → harm), runs of one letter collapsed
/// (harrm → harm, kill → kil) and split into words. Squid's space stripping is handled by the matcher.
/// </summary>
public static class SafeguardingText
{
    public readonly record struct Word(string Text, int Start);

    public static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var buffer = new System.Text.StringBuilder();
        var position = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i])) i++;
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (i == start) break;
            var word = Normalise(text.AsSpan(start, i - start), buffer);
            if (word.Length == 0) continue;
            words.Add(new Word(word, position));
            position += word.Length;
        }
        return words;
    }

    /// <summary>One phrase word or text word in comparable form.</summary>
    public static string Normalise(ReadOnlySpan<char> word, System.Text.StringBuilder? buffer = null)
    {
        buffer ??= new System.Text.StringBuilder();
        buffer.Clear();
        var hasLetter = false;
        var hasDigit = false;
        foreach (var c in word)
        {
            if (char.IsLetter(c)) hasLetter = true;
            else if (char.IsAsciiDigit(c)) hasDigit = true;
        }
        var leet = hasLetter && hasDigit || hasLetter && word.ContainsAny('@', '$');
        var last = '\0';
        foreach (var raw in word)
        {
            var c = Fold(char.ToLowerInvariant(raw));
            if (leet) c = Unleet(c);
            if (c == '\0' || !char.IsLetterOrDigit(c)) continue;
            if (c == last && char.IsLetter(c)) continue;
            buffer.Append(c);
            last = c;
        }
        return buffer.ToString();
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
