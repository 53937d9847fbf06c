namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// Walks space-separated tokens where runs of spaces count as one separator (Squid pads <c>%6tr</c>).
/// Tokens can be taken from the left (<see cref="TakeFirst"/>) or the right (<see cref="TakeLast"/>) of what is left,
/// so a field that may contain spaces can be recovered as the middle.
/// </summary>
internal ref struct SpaceTokenizer(ReadOnlySpan<char> text)
{
    private ReadOnlySpan<char> _rest = text.Trim(' ');

    /// <summary>What has not been taken yet, without surrounding spaces.</summary>
    public readonly ReadOnlySpan<char> Rest => _rest;

    public bool TakeFirst(out ReadOnlySpan<char> token)
    {
        if (_rest.IsEmpty) { token = default; return false; }
        var space = _rest.IndexOf(' ');
        if (space < 0) { token = _rest; _rest = default; return true; }
        token = _rest[..space];
        _rest = _rest[(space + 1)..].TrimStart(' ');
        return true;
    }

    public bool TakeLast(out ReadOnlySpan<char> token)
    {
        if (_rest.IsEmpty) { token = default; return false; }
        var space = _rest.LastIndexOf(' ');
        if (space < 0) { token = _rest; _rest = default; return true; }
        token = _rest[(space + 1)..];
        _rest = _rest[..space].TrimEnd(' ');
        return true;
    }
}
