namespace NetWatch.Core.Tests.UrlClassification;

/// <summary>
/// Spellings of a phrase that the safeguarding normaliser and matchers read through, for the lexical layer's property
/// tests (<see cref="LexicalScreenProperties"/>, <see cref="LexicalStartsProperties"/>).
/// </summary>
internal static class LexicalSpellings
{
    /// <summary>The text spelled the <paramref name="kind"/> way (0-9; any other leaves it as it is), at a place chosen by <paramref name="at"/>.</summary>
    public static string Spelled(string text, int kind, int at)
    {
        if (text.Length < 2) return text;
        var i = at % (text.Length - 1);
        return kind switch
        {
            0 => text.Remove(i, 1),                                                          // a letter left out
            1 => text.Insert(i, text[i].ToString()),                                         // a letter doubled
            2 => text[..i] + text[i + 1] + text[i] + text[(i + 2)..],                        // neighbours swapped
            3 => text.Insert(i + 1, " "),                                                    // a stray space
            4 => text.Replace(" ", ""),                                                      // Squid's stripped spaces
            5 => "xq" + text.Replace(" ", "") + "zz",                                        // squashed inside a longer word
            6 => text.Replace('e', '3').Replace('a', '4').Replace('s', '$').Replace('i', '1'), // letter substitutions
            7 => text.ToUpperInvariant().Replace(' ', '-'),
            8 => text.Replace(' ', '+'),
            9 => text.Replace('o', 'ó').Replace('e', 'É').Replace(' ', '_'),                 // accents folded
            _ => text,
        };
    }
}
