namespace NetWatch.Core.Parsing.Fortigate;

/// <summary>
/// Walks FortiOS's <c>key=value key="quoted value" ...</c> list. Values in quotes may hold spaces and <c>=</c>; a quote
/// inside one is written <c>\"</c>. Bare values end at the next space. Runs of spaces separate pairs.
/// </summary>
internal ref struct KeyValueReader(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text;

    /// <summary>Set when <see cref="Next"/> stopped at a malformed pair (no '=' or an unclosed quote).</summary>
    public string? Error { get; private set; }

    /// <summary>The next pair; false at the end or on an error (see <see cref="Error"/>). Quotes are removed; escapes are
    /// left in <paramref name="value"/> (<paramref name="escaped"/> says whether there are any).</summary>
    public bool Next(out ReadOnlySpan<char> key, out ReadOnlySpan<char> value, out bool escaped)
    {
        key = default;
        value = default;
        escaped = false;
        _rest = _rest.TrimStart(' ');
        if (_rest.IsEmpty) return false;
        var eq = _rest.IndexOf('=');
        var space = _rest.IndexOf(' ');
        if (eq <= 0 || (space >= 0 && space < eq))
        {
            Error = "expected key=value";
            return false;
        }
        key = _rest[..eq];
        var v = _rest[(eq + 1)..];
        if (!v.IsEmpty && v[0] == '"')
        {
            var i = 1;
            for (; i < v.Length; i++)
            {
                if (v[i] == '\\' && i + 1 < v.Length) { escaped = true; i++; continue; }
                if (v[i] == '"') break;
            }
            if (i >= v.Length)
            {
                Error = $"unclosed quote in the value of '{key}'";
                return false;
            }
            value = v[1..i];
            _rest = v[(i + 1)..];
            if (!_rest.IsEmpty && _rest[0] != ' ')
            {
                Error = $"text after the closing quote of '{key}'";
                return false;
            }
            return true;
        }
        var end = v.IndexOf(' ');
        value = end < 0 ? v : v[..end];
        _rest = end < 0 ? default : v[end..];
        return true;
    }

    /// <summary>The value with <c>\x</c> escapes resolved.</summary>
    public static string Unescape(ReadOnlySpan<char> value, bool escaped) =>
        escaped ? Text.QuotedField.Unescape(value) : value.ToString();
}
