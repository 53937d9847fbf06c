using System.Text;
using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds a batch's new events to every roll-up, on the write session's connection and so in its transaction: the
/// roll-ups are committed with the events that made them or not at all, and a replay (whose events are not new)
/// adds nothing. Counted in memory (a batch of thousands of events is a few hundred rows) and appended as rows
/// of their own: a key may have several rows in an hour (one per batch that had it), which readers sum.
/// </summary>
internal static class RollupWriter
{
    public static void Add(DuckDBConnection connection, IReadOnlyList<NetEvent> newEvents)
    {
        if (newEvents.Count == 0) return;
        foreach (var table in RollupTables.All)
        {
            var groups = Count(table, newEvents);
            if (groups.Count == 0) continue;
            using var appender = connection.CreateAppender(table.Name);
            foreach (var g in groups.Values)
            {
                var row = appender.CreateRow().AppendValue(g.Hour.ToDateTimeUtc());
                foreach (var value in g.Key) row = Append(row, value);
                row.AppendValue(g.Requests).AppendValue(g.Bytes).AppendValue(g.First.ToDateTimeUtc()).AppendValue(g.Last.ToDateTimeUtc()).EndRow();
            }
        }
    }

    /// <summary>The table's rows for these events (findings are not rolled up), by hour and key.</summary>
    internal static Dictionary<string, RollupGroup> Count(RollupTable table, IReadOnlyList<NetEvent> events)
    {
        var groups = new Dictionary<string, RollupGroup>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var e in events)
        {
            if (e.Finding is not null) continue;
            var hour = HourOf(e.Timestamp);
            var key = RollupTables.KeyOf(table, e);
            text.Clear().Append(hour.ToUnixTimeTicks());
            foreach (var value in key) Write(text, value);
            var id = text.ToString();
            if (!groups.TryGetValue(id, out var g)) groups[id] = g = new RollupGroup(hour, key, e.Timestamp);
            g.Requests++;
            g.Bytes += e.ResponseBytes ?? 0;
            if (e.Timestamp < g.First) g.First = e.Timestamp;
            if (e.Timestamp > g.Last) g.Last = e.Timestamp;
        }
        return groups;
    }

    public static Instant HourOf(Instant t) => Instant.FromUnixTimeTicks(t.ToUnixTimeTicks() - Mod(t.ToUnixTimeTicks(), NodaConstants.TicksPerHour));

    private static long Mod(long a, long m) => ((a % m) + m) % m;

    /// <summary>A value's text in a group's identity: its kind first, so that null, "" and an empty list differ.</summary>
    private static void Write(StringBuilder text, object? value)
    {
        text.Append('\u001f');
        switch (value)
        {
            case null: text.Append('n'); break;
            case string s: text.Append('s').Append(s); break;
            case int i: text.Append('i').Append(i); break;
            case IReadOnlyList<string> list:
                text.Append('l').Append(list.Count);
                foreach (var item in list) text.Append('\u001e').Append(item);
                break;
            default: throw new ArgumentException($"a roll-up key of type {value.GetType()}", nameof(value));
        }
    }

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
