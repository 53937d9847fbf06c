using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds a batch's new events to every roll-up, on the write session's connection and so in its transaction: the
/// roll-ups are committed with the events that made them or not at all, and a replay (whose events are not new)
/// adds nothing. Counted in memory (a batch of thousands of events is a few hundred rows) and appended as rows
/// of their own, so a key may have several rows in an hour (one per batch that had it), which readers sum. The live
/// service writes a batch every few hundred milliseconds: an hour that more than one batch wrote is compacted to one
/// row per key once the events are an hour past it (one per writer; an hour left by a restart stays as it is, still
/// right, only larger).
/// </summary>
internal sealed class RollupWriter
{
    private readonly Dictionary<Instant, int> _writes = [];

    // Spellings (RollupSpellings) stored by committed sessions, and those added by the open session: only a commit makes
    // them known, so that a rolled-back session's spellings are written again by the next one that has them.
    private readonly HashSet<string> _knownSpellings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSpellings = new(StringComparer.Ordinal);
    private int[]? _spellingColumns;

    public void Add(DuckDBConnection connection, IReadOnlyList<NetEvent> newEvents)
    {
        if (newEvents.Count == 0) return;
        var hours = new HashSet<Instant>();
        foreach (var table in RollupTables.All)
        {
            var groups = Count(table, newEvents);
            if (groups.Count == 0) continue;
            if (table == RollupTables.People) AddSpellings(connection, groups.Values);
            using var appender = connection.CreateAppender(table.Name);
            foreach (var g in groups.Values)
            {
                hours.Add(g.Hour);
                var row = appender.CreateRow().AppendValue(g.Hour.ToDateTimeUtc());
                foreach (var value in g.Key) row = Append(row, value);
                row.AppendValue(g.Requests).AppendValue(g.Bytes).AppendValue(g.First.ToDateTimeUtc()).AppendValue(g.Last.ToDateTimeUtc()).EndRow();
            }
        }
        if (hours.Count == 0) return;
        foreach (var hour in hours) _writes[hour] = _writes.GetValueOrDefault(hour) + 1;
        var past = hours.Max() - Duration.FromHours(1);
        foreach (var hour in _writes.Keys.Where(h => h < past).ToList())
        {
            if (_writes[hour] > 1) Compact(connection, hour);
            _writes.Remove(hour);
        }
    }

    /// <summary>The session that wrote the last batches committed: their spellings are stored.</summary>
    public void Committed()
    {
        _knownSpellings.UnionWith(_pendingSpellings);
        _pendingSpellings.Clear();
    }

    /// <summary>The session that wrote the last batches was rolled back: their spellings are not stored.</summary>
    public void RolledBack() => _pendingSpellings.Clear();

    /// <summary>Stores the spellings of person and site in these people roll-up rows that are not known to be stored.</summary>
    private void AddSpellings(DuckDBConnection connection, IEnumerable<RollupGroup> groups)
    {
        _spellingColumns ??= RollupSpellings.Columns.Select(c => RollupTables.People.Keys.ToList().FindIndex(k => k.Name == c)).ToArray();
        var added = new List<string>();
        foreach (var g in groups)
            foreach (var i in _spellingColumns)
                if (g.Key[i] is string value && !_knownSpellings.Contains(value) && _pendingSpellings.Add(value))
                    added.Add(value);
        RollupSpellings.Add(connection, added);
    }

    /// <summary>One row per key in the hour: its rows summed, in the caller's transaction.</summary>
    private static void Compact(DuckDBConnection connection, Instant hour)
    {
        foreach (var table in RollupTables.All)
        {
            var keys = string.Join(", ", table.Keys.Select(k => k.Name));
            Run(connection, $"""
                CREATE OR REPLACE TEMP TABLE rollup_compacted AS
                SELECT {RollupTable.Hour}, {keys}, sum(requests)::BIGINT AS requests, sum(bytes)::BIGINT AS bytes,
                       min(first_seen) AS first_seen, max(last_seen) AS last_seen
                FROM {table.Name} WHERE {RollupTable.Hour} = $hour GROUP BY ALL
                """, hour);
            Run(connection, $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} = $hour", hour);
            Run(connection, $"INSERT INTO {table.Name} SELECT * FROM temp.rollup_compacted", null);
        }
        Run(connection, "DROP TABLE temp.rollup_compacted", null);
    }

    private static void Run(DuckDBConnection connection, string sql, Instant? hour)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (hour is { } h) command.Parameters.Add(new DuckDBParameter("hour", h.ToDateTimeUtc()));
        command.ExecuteNonQuery();
    }

    /// <summary>The table's rows for these events (findings are not rolled up), by hour and key.</summary>
    internal static Dictionary<RollupKey, RollupGroup> Count(RollupTable table, IReadOnlyList<NetEvent> events)
    {
        var groups = new Dictionary<RollupKey, RollupGroup>(RollupKeyComparer.Instance);
        var readers = RollupTables.Readers(table);
        // One event's values are looked up in place; only a key not seen before in the batch is copied.
        var values = new object?[readers.Length];
        foreach (var e in events)
        {
            if (e.Finding is not null) continue;
            var hour = HourOf(e.Timestamp);
            RollupTables.FillKey(readers, e, values);
            if (!groups.TryGetValue(new RollupKey(hour, values), out var g))
            {
                var key = (object?[])values.Clone();
                groups[new RollupKey(hour, key)] = g = new RollupGroup(hour, key, e.Timestamp);
            }
            g.Requests++;
            g.Bytes += e.ResponseBytes ?? 0;
            if (e.Timestamp < g.First) g.First = e.Timestamp;
            if (e.Timestamp > g.Last) g.Last = e.Timestamp;
        }
        return groups;
    }

    public static Instant HourOf(Instant t) => Instant.FromUnixTimeTicks(t.ToUnixTimeTicks() - Mod(t.ToUnixTimeTicks(), NodaConstants.TicksPerHour));

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, object? value) => value switch
    {
        null => row.AppendNullValue(),
        string s => row.AppendValue(s),
        int i => row.AppendValue(i),
        IReadOnlyList<string> list => row.AppendValue(list),
        _ => throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(value)),
    };
}

/// <summary>One roll-up row being counted.</summary>
internal sealed class RollupGroup(Instant hour, object?[] key, Instant first)
{
    public Instant Hour { get; } = hour;
    public object?[] Key { get; } = key;
    public long Requests { get; set; }
    public long Bytes { get; set; }
    public Instant First { get; set; } = first;
    public Instant Last { get; set; } = first;
}
