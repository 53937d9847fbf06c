using System.Runtime.InteropServices;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// A write session's roll-up rows being counted: every write call's new events (findings aside) added to one set of rows
/// per table, by period and key, so that a key the session's calls share becomes one row (<see cref="RollupWriter"/>
/// appends them at the commit). One pass over the events serves the three tables: each column the tables key on is read
/// and hashed once an event (a value the same object as the previous event's keeps its hash), and a table's key hash is
/// combined from those. A key holds its values inline (<see cref="RollupKey"/>) and the sets keep their capacity from
/// session to session, so that counting allocates nothing once the sets have grown to a session's keys (the people and
/// sites keys are most of the events: a key array and a group object per new key, and a new dictionary per call and table,
/// were ~400 bytes an event in a 1M-line backlog, bench/results/rollups-2026-12-05-session27.txt).
/// </summary>
internal sealed class RollupCounter
{
    private static readonly string[] Columns = RollupTables.All.SelectMany(t => t.Keys).Select(k => k.Name).Distinct().ToArray();
    private static readonly Func<NetEvent, object?>[] Readers = Columns.Select(RollupTables.Reader).ToArray();

    private readonly TableCount[] _tables = RollupTables.All.Select(t => new TableCount(t, t.Keys.Select(k => IndexOf(k.Name)).ToArray())).ToArray();
    private readonly object?[] _values = new object?[Columns.Length];
    private readonly int[] _hashes = new int[Columns.Length];
    private readonly object?[] _previous = new object?[Columns.Length];

    /// <summary>The newest hour of the events counted since the last <see cref="Clear"/>.</summary>
    public Instant? NewestHour { get; private set; }

    /// <summary>The table's rows counted so far, in the order their keys first came (the set itself: read it, do not change it).</summary>
    public Dictionary<RollupKey, RollupSums> Rows(RollupTable table) => CountOf(table).Rows;

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
                    _hashes[c] = RollupValues.Hash(value);
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

    private TableCount CountOf(RollupTable table) => Array.Find(_tables, t => t.Table == table)!;

    /// <summary>The room for keys a table's set always keeps (a school's session holds a few hundred).</summary>
    private const int KeptAtLeast = 4_096;

    /// <summary>One table's rows: its key columns as positions among <see cref="Columns"/>.</summary>
    private sealed class TableCount(RollupTable table, int[] columns)
    {
        private readonly int[] _columns = columns.Length <= RollupKeyValues.Capacity ? columns
            : throw new ArgumentException($"{table.Name} has {columns.Length} key columns; a RollupKey holds {RollupKeyValues.Capacity}", nameof(columns));

        public RollupTable Table { get; } = table;
        public Dictionary<RollupKey, RollupSums> Rows { get; } = new(RollupKeyComparer.Instance);

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
            var key = new RollupKeyValues();
            for (var i = 0; i < _columns.Length; i++)
            {
                key[i] = values[_columns[i]];
                hash.Add(hashes[_columns[i]]);
            }
            ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(Rows, new RollupKey(period, key, _columns.Length, hash.ToHashCode()), out var seen);
            if (!seen) sums = new RollupSums(e.Timestamp);
            sums.Add(e.Timestamp, e.ResponseBytes);
        }
    }
}

/// <summary>One roll-up row's sums: requests, response bytes, the first and last @timestamp (as ticks: 8 bytes each, an
/// Instant's 16, in the session's sets).</summary>
internal struct RollupSums(Instant first)
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
