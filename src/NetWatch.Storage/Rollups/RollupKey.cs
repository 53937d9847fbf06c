using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A roll-up row's identity while a session is counted: its period and its key columns' values (the table's columns, in
/// their order: strings, ints, string lists or null), with the hash the session's set files it under. Each table has its
/// own key type (<see cref="EventsRollupKey"/>, <see cref="PeopleRollupKey"/>, <see cref="SitesRollupKey"/>), sized to its
/// columns and compared field by field; the writer and <see cref="RollupRowsInsert"/> read any of them through this.
/// </summary>
internal interface IRollupKey
{
    /// <summary>The period's start.</summary>
    Instant Hour { get; }

    /// <summary>The period's start as ticks.</summary>
    long HourTicks { get; }

    /// <summary>How many key values (the table's key columns).</summary>
    int Count { get; }

    int Hash { get; }

    /// <summary>The <paramref name="i"/>th key value (an int boxed once per value, not per call).</summary>
    object? this[int i] { get; }
}

/// <summary>Hash and equality of roll-up key values: ordinal strings, ints, string lists item by item, null; null, "" and
/// an empty list are three different values.</summary>
internal static class RollupValues
{
    public static int Hash(string? value) => value is null ? 1 : StringComparer.Ordinal.GetHashCode(value);

    public static int Hash(int? value) => value is { } i ? HashCode.Combine(2, i) : 1;

    public static int Hash(IReadOnlyList<string>? list)
    {
        if (list is null) return 1;
        var hash = new HashCode();
        hash.Add(list.Count);
        for (var k = 0; k < list.Count; k++) hash.Add(list[k], StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public static bool Same(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
    {
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null || x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
            if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
        return true;
    }

    // A severity (1-5) boxed once, not per row.
    private static readonly object[] Severities = [.. Enumerable.Range(0, 16).Select(i => (object)i)];

    public static object? Boxed(int? severity) => severity is { } s && s >= 0 && s < Severities.Length ? Severities[s] : severity;
}
