using System.Runtime.CompilerServices;
using NetWatch.Core.Events;

namespace NetWatch.Core.Parsing.Squid;

/// <summary>
/// One shared <see cref="SquidFields"/> for each (result code, hierarchy code, peer) that repeats: a school's log has
/// a few thousand such triples, and each event would otherwise carry its own 40-byte copy until the store has written
/// it. The three strings come from <see cref="Text.KnownStrings"/> and <see cref="Text.RepeatedStrings"/>, so a
/// repeated triple arrives as the same three instances and is recognised by reference; text that was not shared (a
/// value those tables did not keep) only misses, and gets a new SquidFields of the same values. SquidFields is
/// immutable, so a shared one is indistinguishable from a copy. Bounded (a fixed table, a slot's entry replaced by the
/// next triple that hashes there) and thread-safe without a lock: a slot holds an immutable object, written and read whole.
/// </summary>
internal sealed class SharedSquidFields
{
    public static readonly SharedSquidFields Default = new();

    private readonly SquidFields?[] _slots;
    private readonly int _mask;

    /// <param name="slots">Table size, a power of two.</param>
    public SharedSquidFields(int slots = 4096)
    {
        if (slots < 1 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), "a power of two");
        _slots = new SquidFields?[slots];
        _mask = slots - 1;
    }

    public SquidFields Get(string? resultCode, string? hierarchyCode, string? peer)
    {
        var slot = HashCode.Combine(RuntimeHelpers.GetHashCode(resultCode), RuntimeHelpers.GetHashCode(hierarchyCode),
            RuntimeHelpers.GetHashCode(peer)) & _mask;
        var held = Volatile.Read(ref _slots[slot]);
        if (held is not null && ReferenceEquals(held.ResultCode, resultCode) && ReferenceEquals(held.HierarchyCode, hierarchyCode)
            && ReferenceEquals(held.Peer, peer))
            return held;
        var made = new SquidFields { ResultCode = resultCode, HierarchyCode = hierarchyCode, Peer = peer };
        Volatile.Write(ref _slots[slot], made);
        return made;
    }
}
