using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A roll-up row's identity while a batch is counted: its hour and its key columns' values (strings, ints, string
/// lists or null). Compared by value with <see cref="RollupKeyComparer"/>, so that counting a batch needs no text
/// built per event; null, "" and an empty list are three different values.
/// </summary>
internal readonly record struct RollupKey(Instant Hour, object?[] Values);

/// <summary>Value equality of <see cref="RollupKey"/>s: the hour, then each value (ordinal strings, lists item by item).</summary>
internal sealed class RollupKeyComparer : IEqualityComparer<RollupKey>
{
    public static readonly RollupKeyComparer Instance = new();

    public bool Equals(RollupKey x, RollupKey y)
    {
        if (x.Hour != y.Hour || x.Values.Length != y.Values.Length) return false;
        for (var i = 0; i < x.Values.Length; i++)
            if (!Same(x.Values[i], y.Values[i])) return false;
        return true;
    }

    public int GetHashCode(RollupKey key)
    {
        var hash = new HashCode();
        hash.Add(key.Hour);
        foreach (var value in key.Values)
            switch (value)
            {
                case null: hash.Add(1); break;
                case string s: hash.Add(s, StringComparer.Ordinal); break;
                case int i: hash.Add(i); break;
                case IReadOnlyList<string> list:
                    hash.Add(list.Count);
                    foreach (var item in list) hash.Add(item, StringComparer.Ordinal);
                    break;
                default: throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(key));
            }
        return hash.ToHashCode();
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
