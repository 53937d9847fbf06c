namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// One shared string for a field whose values repeat line after line but are not known in advance (client addresses,
/// user names, peer addresses: a school's log has a few thousand of each): the last string made for a value is kept in
/// a small table, and the next line with the same text gets it instead of a new one. Every event keeps these strings
/// until the store has written it (seconds, several collections), so a copy per line is bytes promoted twice.
/// Bounded (a fixed table; a value that finds its slots taken replaces one) and thread-safe without a lock: a slot
/// holds an immutable string, written and read whole, so a race costs at most a string made twice.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>Longer text is made as usual: it is rarely a repeated value, and comparing it costs more.</summary>
    public const int MaxLength = 64;

    /// <summary>The parsers' shared tables, one per kind of value (so that one kind does not push out another).</summary>
    public static readonly RepeatedStrings ClientAddresses = new(), UserNames = new(), PeerAddresses = new();

    /// <summary>Content types that <see cref="KnownStrings"/> does not list (a log has tens of them, not thousands).</summary>
    public static readonly RepeatedStrings MimeTypes = new(256);

    private readonly string?[] _slots;
    private readonly int _mask;

    /// <param name="slots">Table size, a power of two: each value may sit in either of two neighbouring slots.</param>
    public RepeatedStrings(int slots = 8192)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "a power of two, at least 2");
        _slots = new string?[slots];
        _mask = slots - 1;
    }

    /// <summary>The text as a string, the same instance as last time when the table still holds it.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        if (value.Length > MaxLength) return value.ToString();
        var first = (int)Hash(value) & _mask & ~1;
        var a = Volatile.Read(ref _slots[first]);
        if (a is not null && value.SequenceEqual(a)) return a;
        var b = Volatile.Read(ref _slots[first + 1]);
        if (b is not null && value.SequenceEqual(b)) return b;
        var made = value.ToString();
        // The free slot, else the first (the second keeps the older value a little longer).
        Volatile.Write(ref _slots[a is null || b is not null ? first : first + 1], made);
        return made;
    }

    /// <summary>Null for a "-" or empty field, otherwise <see cref="Get"/>.</summary>
    public string? OrNull(ReadOnlySpan<char> value) => value.IsEmpty || value is "-" ? null : Get(value);

    // FNV-1a over the characters, finished with a multiply so that the low bits (the slot) depend on every character.
    private static uint Hash(ReadOnlySpan<char> value)
    {
        var h = 2166136261u;
        foreach (var c in value) h = (h ^ c) * 16777619u;
        return (h ^ (h >> 15)) * 0x2c1b3c6du >> 7;
    }
}
