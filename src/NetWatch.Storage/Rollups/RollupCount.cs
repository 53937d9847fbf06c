using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Counts a batch's events (findings are not rolled up) into every roll-up's rows, by period and key, in one pass: each
/// key column is read and hashed once an event, not once a table (the three tables share most of their 13 columns: three
/// passes read and hashed 22 values an event), and a key's hash is kept with it, so that a new key is not hashed again
/// when it is added, nor when <see cref="PeriodRows"/> counts it.
/// </summary>
internal static class RollupCount
{
    /// <summary>Every table's key columns, once each, in first-seen order.</summary>
    private static readonly string[] Columns = RollupTables.All.SelectMany(t => t.Keys.Select(k => k.Name)).Distinct().ToArray();

    private static readonly Func<NetEvent, object?>[] Readers = Columns.Select(RollupTables.Reader).ToArray();

    /// <summary>For each table (as <see cref="RollupTables.All"/>), where its key columns are in <see cref="Columns"/>.</summary>
    private static readonly int[][] TableColumns = RollupTables.All.Select(t => t.Keys.Select(k => Array.IndexOf(Columns, k.Name)).ToArray()).ToArray();

    /// <summary>Each table's rows for these events, in the order of <see cref="RollupTables.All"/>.</summary>
    public static Dictionary<RollupKey, RollupGroup>[] All(IReadOnlyList<NetEvent> events)
    {
        var tables = RollupTables.All;
        var groups = new Dictionary<RollupKey, RollupGroup>[tables.Count];
        // One event's values are looked up in place; only a key not seen before in the batch is copied.
        var keys = new object?[tables.Count][];
        for (var t = 0; t < tables.Count; t++)
        {
            // Sized for a batch's rows as the test generator makes them (people ~0.7 an event, sites ~0.35, events a few
            // hundred an hour), a hint only: grown from empty, the dictionaries were rehashed a dozen times a batch.
            var rows = tables[t] == RollupTables.Events ? 256 : events.Count * (tables[t] == RollupTables.People ? 3 : 2) / 4;
            groups[t] = new Dictionary<RollupKey, RollupGroup>(rows, RollupKeyComparer.Instance);
            keys[t] = new object?[TableColumns[t].Length];
        }
        var values = new object?[Columns.Length];
        var hashes = new int[Columns.Length];
        foreach (var e in events)
        {
            if (e.Finding is not null) continue;
            for (var c = 0; c < Readers.Length; c++) hashes[c] = RollupKeyComparer.HashOf(values[c] = Readers[c](e));
            for (var t = 0; t < tables.Count; t++)
            {
                var period = tables[t].PeriodOf(e.Timestamp);
                var columns = TableColumns[t];
                var key = keys[t];
                var hash = new HashCode();
                hash.Add(period);
                for (var i = 0; i < columns.Length; i++)
                {
                    key[i] = values[columns[i]];
                    hash.Add(hashes[columns[i]]);
                }
                var found = new RollupKey(period, key, hash.ToHashCode());
                if (!groups[t].TryGetValue(found, out var g))
                {
                    var copy = (object?[])key.Clone();
                    groups[t].Add(found with { Values = copy }, g = new RollupGroup(period, copy, found.Hash, e.Timestamp));
                }
                g.Add(e.Timestamp, e.ResponseBytes ?? 0);
            }
        }
        return groups;
    }
}

/// <summary>One roll-up row being counted.</summary>
internal sealed class RollupGroup(Instant hour, object?[] key, int hash, Instant first)
{
    public Instant Hour { get; } = hour;
    public object?[] Key { get; } = key;
    /// <summary>The key's hash (<see cref="RollupKey.Hash"/>).</summary>
    public int Hash { get; } = hash;
    public long Requests { get; private set; }
    public long Bytes { get; private set; }
    public Instant First { get; private set; } = first;
    public Instant Last { get; private set; } = first;

    public void Add(Instant at, long bytes)
    {
        Requests++;
        Bytes += bytes;
        if (at < First) First = at;
        if (at > Last) Last = at;
    }
}
