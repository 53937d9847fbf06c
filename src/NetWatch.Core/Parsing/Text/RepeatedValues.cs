using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace NetWatch.Core.Parsing.Text;

/// <summary>
/// The last value made for a text, kept in a small table so that the next line with the same text gets the same
/// instance (<see cref="RepeatedStrings"/>: the text as a string; <see cref="RepeatedUrls"/>: a URL's parts). Every event
/// keeps what it was given until the store has written it (seconds, several collections), so a copy per line is bytes
/// promoted twice. Bounded (a fixed table: a text may sit in either of two neighbouring slots, and one that finds both
/// taken replaces the first) and thread-safe without a lock: a slot's value is immutable and is compared with the text
/// looked up before it is given out, so a race costs at most a value made twice.
/// </summary>
internal sealed class RepeatedValues<T> where T : class
{
    /// <summary>
    /// A held value and the hash of its text. The hash is compared first, so that a look-up that misses (most URLs:
    /// ~79% of the bench log's) reads only the table, not the value and its text scattered over the heap (those reads
    /// were 8-10% of the Squid parse's perf samples: bench/results/carve-2026-12-06-session36.txt).
    /// The two fields are not written together atomically: a reader may see one slot's hash with another's value, which
    /// only makes it compare that value's text (and miss, or find it equal: then it is the right value anyway).
    /// </summary>
    private struct Slot
    {
        public ulong Hash;
        public T? Value;
    }

    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly Func<T, string> _textOf;

    /// <param name="slots">Table size, a power of two, at least 2.</param>
    /// <param name="textOf">The text a held value was made from (compared with the text looked up).</param>
    public RepeatedValues(int slots, Func<T, string> textOf)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "a power of two, at least 2");
        _slots = new Slot[slots];
        _mask = slots - 1;
        _textOf = textOf;
    }

    /// <summary>The value held for <paramref name="text"/>, else <paramref name="make"/>'s (of the text as a string), kept.</summary>
    public T Get<TState>(ReadOnlySpan<char> text, TState state, Func<string, TState, T> make)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text));
        var first = (int)hash & _mask & ~1;
        var a = Volatile.Read(ref _slots[first].Value);
        if (a is not null && _slots[first].Hash == hash && text.SequenceEqual(_textOf(a))) return a;
        var b = Volatile.Read(ref _slots[first + 1].Value);
        if (b is not null && _slots[first + 1].Hash == hash && text.SequenceEqual(_textOf(b))) return b;
        var made = make(text.ToString(), state);
        // The free slot, else the first (the second keeps the older value a little longer).
        ref var slot = ref _slots[a is null || b is not null ? first : first + 1];
        slot.Hash = hash;
        Volatile.Write(ref slot.Value, made);
        return made;
    }
}
