using System.Numerics;

namespace NetWatch.Core.Identity;

/// <summary>
/// A read-only map from 32-bit keys (IPv4 addresses) to small structs: open addressing with linear probing in one
/// array, so a hit is usually one cache line (a Dictionary visits a bucket array, then an entry array).
/// </summary>
public sealed class UInt32Map<TValue> where TValue : struct
{
    private readonly record struct Slot(uint Key, bool Used, TValue Value);

    private readonly Slot[] _slots;
    private readonly int _shift;

    public int Count { get; }

    public UInt32Map(IReadOnlyCollection<KeyValuePair<uint, TValue>> entries)
    {
        // At most two thirds full: probe sequences stay short.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, entries.Count * 3 / 2 + 1));
        _slots = new Slot[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
        foreach (var (key, value) in entries)
        {
            var i = Home(key);
            while (_slots[i].Used)
            {
                if (_slots[i].Key == key) throw new ArgumentException($"duplicate key {key}", nameof(entries));
                i = (i + 1) & (_slots.Length - 1);
            }
            _slots[i] = new Slot(key, true, value);
            Count++;
        }
    }

    public bool TryGetValue(uint key, out TValue value)
    {
        for (var i = Home(key); _slots[i].Used; i = (i + 1) & (_slots.Length - 1))
        {
            if (_slots[i].Key != key) continue;
            value = _slots[i].Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Asks for the memory a look-up of <paramref name="key"/> will read first (see <see cref="CacheHint"/>).</summary>
    public void Prefetch(uint key) => CacheHint.Prefetch(ref _slots[Home(key)]);

    // Fibonacci hashing: addresses of one subnet differ in their low bits; the multiply spreads them over the table.
    private int Home(uint key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}
