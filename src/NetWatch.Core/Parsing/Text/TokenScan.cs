namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// Finds anchor patterns in space-separated text whose fields may themselves contain spaces: returns the start
/// index of the first token (after the first) at which a sequence of token tests all pass.
/// </summary>
internal static class TokenScan
{
    public delegate bool TokenTest(ReadOnlySpan<char> token);

    public static int FindAnchor(ReadOnlySpan<char> text, TokenTest first, TokenTest second, TokenTest third)
    {
        var start = text.IndexOf(' ');
        while (start >= 0)
        {
            start++;
            if (start < text.Length && text[start] != ' ')
            {
                var t = new SpaceTokenizer(text[start..]);
                if (t.TakeFirst(out var a) && first(a) && t.TakeFirst(out var b) && second(b) && t.TakeFirst(out var c) && third(c))
                    return start;
            }
            var next = text[start..].IndexOf(' ');
            start = next < 0 ? -1 : start + next;
        }
        return -1;
    }

    public static bool IsUpperWord(ReadOnlySpan<char> s) => s.Length is > 0 and <= 24 && !s.ContainsAnyExceptInRange('A', 'Z');

    public static bool IsDigits(ReadOnlySpan<char> s) => s.Length is > 0 and <= 18 && !s.ContainsAnyExceptInRange('0', '9');

    public static bool IsNumberOrDash(ReadOnlySpan<char> s) => s is "-" || IsDigits(s) || (s.Length > 1 && s[0] == '-' && IsDigits(s[1..]));

    /// <summary>An HTTP status as e2guardian writes it: normally three digits, 0 when there was none.</summary>
    public static bool IsStatus(ReadOnlySpan<char> s) => s.Length is >= 1 and <= 3 && IsDigits(s);

    /// <summary>A logged URL: absolute (<c>scheme://…</c>) or a CONNECT authority (<c>host:port</c>).</summary>
    public static bool IsUrlLike(ReadOnlySpan<char> s) => s.Contains(':');

    public static bool Any(ReadOnlySpan<char> s) => true;
}
