using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A roll-up row's identity while a batch is counted: its hour and its key columns' values (strings, ints, string
/// lists or null), with its hash (<see cref="RollupKeyComparer.Of"/>: computed once, by <see cref="RollupCount"/> from
/// each value's). Compared by value with <see cref="RollupKeyComparer"/>, so that counting a batch needs no text
/// built per event; null, "" and an empty list are three different values.
/// </summary>
internal readonly record struct RollupKey(Instant Hour, object?[] Values, int Hash);

/// <summary>Value equality of <see cref="RollupKey"/>s: the hour, then each value (ordinal strings, lists item by item).</summary>
internal sealed class RollupKeyComparer : IEqualityComparer<RollupKey>
{
    public static readonly RollupKeyComparer Instance = new();

    /// <summary>The key of these values, with its hash: the hour's and each value's (<see cref="HashOf"/>) combined.</summary>
    public static RollupKey Of(Instant hour, object?[] values)
    {
        var hash = new HashCode();
        hash.Add(hour);
        foreach (var value in values) hash.Add(HashOf(value));
        return new RollupKey(hour, values, hash.ToHashCode());
    }

    public bool Equals(RollupKey x, RollupKey y)
    {
        if (x.Hash != y.Hash || x.Hour != y.Hour || x.Values.Length != y.Values.Length) return false;
        for (var i = 0; i < x.Values.Length; i++)
            if (!Same(x.Values[i], y.Values[i])) return false;
        return true;
    }

    public int GetHashCode(RollupKey key) => key.Hash;

    /// <summary>One key value's hash, equal for values <see cref="Equals(RollupKey, RollupKey)"/> holds equal.</summary>
    public static int HashOf(object? value)
    {
        switch (value)
        {
            case null: return 1;
            case string s: return s.GetHashCode(); // ordinal
            case int i: return i;
            case IReadOnlyList<string> list:
                var hash = new HashCode();
                hash.Add(list.Count);
                foreach (var item in list) hash.Add(item?.GetHashCode() ?? 0);
                return hash.ToHashCode();
            default: throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(value));
        }
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (int x, int y) => x == y,
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => SameItems(x, y),
        _ => false,
    };

    private static bool SameItems(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
