using System.Runtime.CompilerServices;

namespace NetWatch.Core.Policy.Engine;

/// <summary>
/// A tiny direct-mapped cache keyed by string identity: category and role names come from the classifier's and the
/// directory's loaded lists, so the same string instances recur and a hit costs a pointer hash and a compare
/// instead of hashing the text. Entries are immutable objects swapped whole, so concurrent use is safe.
/// </summary>
internal sealed class ReferenceCache<T>(Func<string, T> compute)
{
    sealed record Entry(string Key, T Value);

    const int Size = 256;
    readonly Entry?[] _slots = new Entry?[Size];

    public T Get(string key)
    {
        var slot = RuntimeHelpers.GetHashCode(key) & (Size - 1);
        var entry = _slots[slot];
        if (entry is not null && ReferenceEquals(entry.Key, key)) return entry.Value;
        var value = compute(key);
        _slots[slot] = new Entry(key, value);
        return value;
    }
}
