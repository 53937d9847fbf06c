namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// One shared string for a field whose values repeat line after line but are not known in advance (client addresses,
/// user names, peer addresses: a school's log has a few thousand of each): the last string made for a value is kept in
/// a small table, and the next line with the same text gets it instead of a new one. Every event keeps these strings
/// until the store has written it (seconds, several collections), so a copy per line is bytes promoted twice.
/// Bounded and thread-safe without a lock (<see cref="RepeatedValues{T}"/>).
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Longer text is made as usual: it is rarely a repeated value, and comparing it costs more.</summary>
    public const int MaxLength = 64;

    /// <summary>The parsers' shared tables, one per kind of value (so that one kind does not push out another).</summary>
    public static readonly RepeatedStrings ClientAddresses = new(), UserNames = new(), PeerAddresses = new();

    /// <summary>Content types that <see cref="KnownStrings"/> does not list (a log has tens of them, not thousands).</summary>
    public static readonly RepeatedStrings MimeTypes = new(256);

    private readonly RepeatedValues<string> _values;

    /// <param name="slots">Table size, a power of two: each value may sit in either of two neighbouring slots.</param>
    public RepeatedStrings(int slots = 8192) => _values = new(slots, static held => held);

    /// <summary>The text as a string, the same instance as last time when the table still holds it.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        if (value.Length > MaxLength) return value.ToString();
        return _values.Get(value, 0, static (made, _) => made);
    }

    /// <summary>Null for a "-" or empty field, otherwise <see cref="Get"/>.</summary>
    public string? OrNull(ReadOnlySpan<char> value) => value.IsEmpty || value is "-" ? null : Get(value);
}
