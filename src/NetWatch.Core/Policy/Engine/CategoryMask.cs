using System.Collections.Frozen;

namespace NetWatch.Core.Policy.Engine;

/// <summary>Numbers the category names a policy mentions so an event's categories become one 64-bit mask.</summary>
public sealed class CategoryMask
{
    public const int Capacity = 64;
    readonly FrozenDictionary<string, int> _bits;
    readonly ReferenceCache<ulong> _cache;

    public CategoryMask(IEnumerable<string> names)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > Capacity) throw new ArgumentException($"at most {Capacity} categories");
        _bits = distinct.Select((n, i) => (n, i)).ToFrozenDictionary(x => x.n, x => x.i, StringComparer.Ordinal);
        _cache = new ReferenceCache<ulong>(n => _bits.TryGetValue(n, out var bit) ? 1UL << bit : 0);
    }

    public ulong Of(IEnumerable<string> names)
    {
        ulong mask = 0;
        foreach (var n in names)
            if (_bits.TryGetValue(n, out var bit)) mask |= 1UL << bit;
        return mask;
    }

    /// <summary>The hot path: per-name results are cached by string identity.</summary>
    public ulong Of(IReadOnlyList<string> names)
    {
        ulong mask = 0;
        for (var i = 0; i < names.Count; i++) mask |= _cache.Get(names[i]);
        return mask;
    }
}
