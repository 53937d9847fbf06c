using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A roll-up row's identity while a session is counted: its period, its key columns' values (strings, ints, string
/// lists or null; held in the key itself, so that a new key allocates nothing of its own) and their hash, computed once
/// from the values' own hashes (<see cref="RollupValues.Hash"/>), so that a look-up hashes no text again; null, "" and an
/// empty list are three different values. Compared by value with <see cref="RollupKeyComparer"/>.
/// </summary>
internal readonly struct RollupKey(Instant hour, RollupKeyValues values, int count, int hash)
{
    // The period as ticks (8 bytes; an Instant is 16): the keys fill the session's sets, kept from session to session.
    private readonly long _hour = hour.ToUnixTimeTicks();
    private readonly RollupKeyValues _values = values;

    public Instant Hour => Instant.FromUnixTimeTicks(_hour);

    public long HourTicks => _hour;

    /// <summary>How many key values (the table's key columns).</summary>
    public int Count { get; } = count;

    public int Hash { get; } = hash;

    public object? this[int i] => (uint)i < (uint)Count ? _values[i] : throw new ArgumentOutOfRangeException(nameof(i));
}

/// <summary>The key values of a roll-up row, inline: room for the widest table's key (<see cref="RollupTables.Events"/>: 10).</summary>
[System.Runtime.CompilerServices.InlineArray(Capacity)]
internal struct RollupKeyValues
{
    public const int Capacity = 10;

    private object? _value;
}

/// <summary>Value equality of <see cref="RollupKey"/>s: the stored hash, the period, then each value (<see cref="RollupValues.Same"/>).</summary>
internal sealed class RollupKeyComparer : IEqualityComparer<RollupKey>
{
    public static readonly RollupKeyComparer Instance = new();

    public bool Equals(RollupKey x, RollupKey y)
    {
        if (x.Hash != y.Hash || x.HourTicks != y.HourTicks || x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
            if (!RollupValues.Same(x[i], y[i])) return false;
        return true;
    }

    public int GetHashCode(RollupKey key) => key.Hash;
}

/// <summary>Hash and equality of one roll-up key value: ordinal strings, ints, string lists item by item, null.</summary>
internal static class RollupValues
{
    public static int Hash(object? value)
    {
        switch (value)
        {
            case null: return 1;
            case string s: return StringComparer.Ordinal.GetHashCode(s);
            case int i: return HashCode.Combine(2, i);
            case IReadOnlyList<string> list:
                var hash = new HashCode();
                hash.Add(list.Count);
                for (var k = 0; k < list.Count; k++) hash.Add(list[k], StringComparer.Ordinal);
                return hash.ToHashCode();
            default: throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(value));
        }
    }

    public static bool Same(object? a, object? b) => ReferenceEquals(a, b) || (a, b) switch
    {
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (int x, int y) => x == y,
        (IReadOnlyList<string> x, IReadOnlyList<string> y) => SameItems(x, y),
        _ => false,
    };

    private static bool SameItems(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        if (x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
