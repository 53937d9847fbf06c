using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NetWatch.Storage.Rollups;
using NodaTime;

namespace NetWatch.Benchmarks.Rollups;

// The roll-ups' count as main had it at 2303f76 (session 32's start), frozen here so that RollupCountBenchmarks measures
// it beside the current one in one process. Not used by the product.
internal sealed class BaseRollupCounter
{
    private static readonly string[] Columns = RollupTables.All.SelectMany(t => t.Keys).Select(k => k.Name).Distinct().ToArray();
    private static readonly Func<NetEvent, object?>[] Readers = Columns.Select(RollupTables.Reader).ToArray();

    private readonly BaseTableCount[] _tables = RollupTables.All.Select(t => new BaseTableCount(t, t.Keys.Select(k => IndexOf(k.Name)).ToArray())).ToArray();
    private readonly object?[] _values = new object?[Columns.Length];
    private readonly int[] _hashes = new int[Columns.Length];
    private readonly object?[] _previous = new object?[Columns.Length];

    /// <summary>The newest hour of the events counted since the last <see cref="Clear"/>.</summary>
    public Instant? NewestHour { get; private set; }

    /// <summary>The table's rows counted so far, in the order their keys first came (the set itself: read it, do not change it).</summary>
    public Dictionary<BaseKey, BaseSums> Rows(RollupTable table) => CountOf(table).Rows;

    /// <summary>How many keys the table's set has room for without growing.</summary>
    public int Room(RollupTable table) => CountOf(table).Rows.EnsureCapacity(0);

    public void Add(IReadOnlyList<NetEvent> events)
    {
        for (var n = 0; n < events.Count; n++)
        {
            var e = events[n];
            if (e.Finding is not null) continue;
            for (var c = 0; c < Readers.Length; c++)
            {
                var value = Readers[c](e);
                _values[c] = value;
                if (!ReferenceEquals(value, _previous[c]) || value is null)
                {
                    _hashes[c] = BaseValues.Hash(value);
                    _previous[c] = value;
                }
            }
            var hour = RollupWriter.HourOf(e.Timestamp);
            if (NewestHour is not { } newest || hour > newest) NewestHour = hour;
            foreach (var table in _tables) table.Add(table.Table.Grain == RollupGrain.Hour ? hour : table.Table.PeriodOf(e.Timestamp), e, _values, _hashes);
        }
    }

    /// <summary>Forgets every row counted (the session committed them, or was rolled back).</summary>
    public void Clear()
    {
        foreach (var table in _tables) table.Clear();
        NewestHour = null;
        Array.Clear(_previous);
        Array.Clear(_values);
    }

    private static int IndexOf(string column) => Array.IndexOf(Columns, column);

    private BaseTableCount CountOf(RollupTable table) => Array.Find(_tables, t => t.Table == table)!;

    /// <summary>The room for keys a table's set always keeps (a school's session holds a few hundred).</summary>
    private const int KeptAtLeast = 4_096;

    /// <summary>One table's rows: its key columns as positions among <see cref="Columns"/>.</summary>
    private sealed class BaseTableCount(RollupTable table, int[] columns)
    {
        private readonly int[] _columns = columns.Length <= BaseKeyValues.Capacity ? columns
            : throw new ArgumentException($"{table.Name} has {columns.Length} key columns; a BaseKey holds {BaseKeyValues.Capacity}", nameof(columns));

        public RollupTable Table { get; } = table;
        public Dictionary<BaseKey, BaseSums> Rows { get; } = new(BaseKeyComparer.Instance);

        /// <summary>
        /// Empties the rows, keeping their room for the next session (a session behind holds ~100,000 keys: growing the set
        /// again each session would allocate what the kept keys saved) unless this one used less than an eighth of it (a set
        /// grows to up to twice its keys: a session of a quarter of the last one's keys or fewer): the stage caught up, and the
        /// room a backlog needed (~136 bytes a key) is given back.
        /// </summary>
        public void Clear()
        {
            var used = Math.Max(Rows.Count, KeptAtLeast);
            Rows.Clear();
            if (Rows.EnsureCapacity(0) > 8 * used) Rows.TrimExcess(2 * used);
        }

        public void Add(Instant period, NetEvent e, object?[] values, int[] hashes)
        {
            var hash = new HashCode();
            hash.Add(period);
            var key = new BaseKeyValues();
            for (var i = 0; i < _columns.Length; i++)
            {
                key[i] = values[_columns[i]];
                hash.Add(hashes[_columns[i]]);
            }
            ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(Rows, new BaseKey(period, key, _columns.Length, hash.ToHashCode()), out var seen);
            if (!seen) sums = new BaseSums(e.Timestamp);
            sums.Add(e.Timestamp, e.ResponseBytes);
        }
    }
}

/// <summary>One roll-up row's sums: requests, response bytes, the first and last @timestamp (as ticks: 8 bytes each, an
/// Instant's 16, in the session's sets).</summary>
internal struct BaseSums(Instant first)
{
    public long Requests;
    public long Bytes;
    private long _first = first.ToUnixTimeTicks();
    private long _last = first.ToUnixTimeTicks();

    public readonly Instant First => Instant.FromUnixTimeTicks(_first);

    public readonly Instant Last => Instant.FromUnixTimeTicks(_last);

    /// <summary>Counts one more event of the row.</summary>
    public void Add(Instant timestamp, long? bytes)
    {
        Requests++;
        Bytes += bytes ?? 0;
        var ticks = timestamp.ToUnixTimeTicks();
        if (ticks < _first) _first = ticks;
        if (ticks > _last) _last = ticks;
    }
}



/// <summary>
/// A roll-up row's identity while a session is counted: its period, its key columns' values (strings, ints, string
/// lists or null; held in the key itself, so that a new key allocates nothing of its own) and their hash, computed once
/// from the values' own hashes (<see cref="BaseValues.Hash"/>), so that a look-up hashes no text again; null, "" and an
/// empty list are three different values. Compared by value with <see cref="BaseKeyComparer"/>.
/// </summary>
internal readonly struct BaseKey(Instant hour, BaseKeyValues values, int count, int hash)
{
    // The period as ticks (8 bytes; an Instant is 16): the keys fill the session's sets, kept from session to session.
    private readonly long _hour = hour.ToUnixTimeTicks();
    private readonly BaseKeyValues _values = values;

    public Instant Hour => Instant.FromUnixTimeTicks(_hour);

    public long HourTicks => _hour;

    /// <summary>How many key values (the table's key columns).</summary>
    public int Count { get; } = count;

    public int Hash { get; } = hash;

    public object? this[int i] => (uint)i < (uint)Count ? _values[i] : throw new ArgumentOutOfRangeException(nameof(i));
}

/// <summary>The key values of a roll-up row, inline: room for the widest table's key (<see cref="RollupTables.Events"/>: 10).</summary>
[System.Runtime.CompilerServices.InlineArray(Capacity)]
internal struct BaseKeyValues
{
    public const int Capacity = 10;

    private object? _value;
}

/// <summary>Value equality of <see cref="BaseKey"/>s: the stored hash, the period, then each value (<see cref="BaseValues.Same"/>).</summary>
internal sealed class BaseKeyComparer : IEqualityComparer<BaseKey>
{
    public static readonly BaseKeyComparer Instance = new();

    public bool Equals(BaseKey x, BaseKey y)
    {
        if (x.Hash != y.Hash || x.HourTicks != y.HourTicks || x.Count != y.Count) return false;
        for (var i = 0; i < x.Count; i++)
            if (!BaseValues.Same(x[i], y[i])) return false;
        return true;
    }

    public int GetHashCode(BaseKey key) => key.Hash;
}

/// <summary>Hash and equality of one roll-up key value: ordinal strings, ints, string lists item by item, null.</summary>
internal static class BaseValues
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