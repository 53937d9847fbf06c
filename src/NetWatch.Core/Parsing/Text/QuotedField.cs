namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// Double-quoted fields with backslash escapes, as Squid's <c>%"</c> writes them (<c>\"</c> and <c>\\</c>).
/// </summary>
internal static class QuotedField
{
    /// <summary>
    /// Finds the quoted field that ends <paramref name="text"/>: <paramref name="text"/> must end with an unescaped
    /// quote; returns the index of its opening quote (the last unescaped quote before it), or -1.
    /// </summary>
    public static int FindOpeningQuoteOfLast(ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[^1] != '"' || IsEscaped(text, text.Length - 1)) return -1;
        for (var i = text.Length - 2; i >= 0; i--)
        {
            if (text[i] == '"' && !IsEscaped(text, i)) return i;
        }
        return -1;
    }

    /// <summary>A quote is escaped when an odd number of backslashes precede it.</summary>
    private static bool IsEscaped(ReadOnlySpan<char> text, int quoteIndex)
    {
        var n = 0;
        for (var i = quoteIndex - 1; i >= 0 && text[i] == '\\'; i--) n++;
        return (n & 1) == 1;
    }

    /// <summary>The value of an escaped field body (quotes removed): <c>\x</c> becomes <c>x</c>.</summary>
    public static string Unescape(ReadOnlySpan<char> body)
    {
        if (body.IndexOf('\\') < 0) return body.ToString();
        var buffer = body.Length <= 512 ? stackalloc char[body.Length] : new char[body.Length];
        var n = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length) c = body[++i];
            buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }

    /// <summary>The escaped body for a value (the caller adds the surrounding quotes).</summary>
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('"', '\\') < 0) return value;
        return value.Replace("\\", "\\\\").Replace("\"", "\\\"");
    }
}
