using System.Collections.Concurrent;

namespace NetWatch.Core.Caching;

/// <summary>
/// Values computed from a text key, kept until the cache holds <see cref="Capacity"/> of them and then cleared whole:
/// for what logs repeat a few thousand times a million (hosts), where an eviction policy would cost more than the
/// occasional recomputation. Thread-safe; looked up by span, so a caller need not allocate the key to ask.
/// </summary>
internal sealed class ClearingCache<TValue>
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private int _count;

    public ClearingCache(int capacity)
    {
        Capacity = capacity;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    public bool TryGet(ReadOnlySpan<char> key, out TValue value) => _bySpan.TryGetValue(key, out value!);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/>, first clearing everything when full.</summary>
    public void Add(ReadOnlySpan<char> key, TValue value)
    {
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 0);
        }
        _bySpan.TryAdd(key, value);
    }
}
