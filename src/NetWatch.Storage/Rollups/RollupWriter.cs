using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Storage.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds a write session's new events to every roll-up, on the session's connection and so in its transaction: the
/// roll-ups are committed with the events that made them or not at all, and a replay (whose events are not new) adds
/// nothing. Each write call's new events are counted in memory (<see cref="Count"/>, into the session's
/// <see cref="RollupCounter"/>: a key the calls share is one row) and the rows are appended once, just before the commit
/// (<see cref="Write"/>), so a key may have several rows in a period (one per session that had it), which readers sum.
/// The live service commits a session every few hundred milliseconds: a period (an hour; a day, in a table of days) that
/// more than one session wrote is compacted to one row per key once the events are an hour past its end, and a day still
/// open is compacted so far each time the events reach a new hour (one per writer; a period left by a restart stays as it
/// is, still right, only larger) -- when that removes at least a quarter of its rows (<see cref="PeriodRows"/>): otherwise
/// it is left with its few keys of several rows.
/// </summary>
internal sealed class RollupWriter(DuckDBConnection connection)
{
    // The periods written and not yet an hour past their end, per table and period start; the newest hour written so far.
    private readonly Dictionary<(RollupTable Table, Instant Period), PeriodRows> _writes = [];
    private Instant? _newestHour;
    private readonly RollupCounter _session = new();
    // The connection's row functions, one per table: registered with the writer, outside any
    // write session (a function registered in a transaction would go with its rollback).
    private readonly Dictionary<RollupTable, RollupRowsInsert> _inserts = RollupTables.All.ToDictionary(t => t, t => RollupRowsInsert.Register(connection, t));

    private readonly KnownValues _spellings = new();
    private readonly KnownValues _hosts = new();
    private int[]? _spellingColumns;
    private readonly int _host = Index("url_domain"), _registered = Index("url_registered_domain");

    /// <summary>Counts a write call's new events into the open session's rows (nothing written yet).</summary>
    public void Count(IReadOnlyList<NetEvent> newEvents)
    {
        if (newEvents.Count == 0) return;
        var phase = PhaseTimes.Start();
        _session.Add(newEvents);
        PhaseTimes.Add(RollupPhases.Count, phase);
    }

    /// <summary>Appends the open session's rows to the roll-ups, in its transaction (just before its commit), and
    /// compacts the periods worth it; the rows are then forgotten.</summary>
    public void Write()
    {
        if (_session.NewestHour is not { } newest) return;
        var written = new HashSet<(RollupTable, Instant)>();
        // In RollupTables.All's order, the spellings before the people rows (as one loop over the tables wrote them).
        Append(RollupTables.Events, _session.Events, written);
        var fold = PhaseTimes.Start();
        var sites = _session.Sites;
        PhaseTimes.Add(RollupPhases.Count, fold);
        Append(RollupTables.Sites, sites, written);
        if (_session.People.Count > 0)
        {
            var phase = PhaseTimes.Start();
            AddSpellings(_session.People.Keys);
            PhaseTimes.Add(RollupPhases.Spellings, phase);
        }
        Append(RollupTables.People, _session.People, written);
        _session.Clear();
        if (written.Count == 0) return;
        foreach (var key in written) _writes[key].Batches++;
        var newHour = _newestHour is { } n && newest > n;
        if (_newestHour is null || newHour) _newestHour = newest;
        foreach (var (table, period) in _writes.Keys.ToList())
        {
            var ended = period + table.Length < newest; // the events are an hour past its end: no session should add to it
            // A day still open is looked at once an hour (compacted so far when worth it), so that its rows stay near one per key.
            if (!ended && !(newHour && table.Grain != RollupGrain.Hour)) continue;
            // A period one session wrote since it was compacted holds one row per key already; one where most keys have a
            // single row is left as it is (the readers sum rows per key): rewriting all its rows would save few.
            var rows = _writes[(table, period)];
            if (rows.Batches > 1 && rows.WorthCompacting)
            {
                var phase = PhaseTimes.Start();
                rows.Compacted(Compact(connection, table, period));
                PhaseTimes.Add(RollupPhases.Compact(table), phase);
            }
            if (ended) _writes.Remove((table, period));
        }
    }

    /// <summary>Appends the counted rows to the table, noting each (table, period) written and its rows' keys.</summary>
    private void Append<TKey>(RollupTable table, Dictionary<TKey, RollupSums> rows, HashSet<(RollupTable, Instant)> written)
        where TKey : struct, IRollupKey
    {
        if (rows.Count == 0) return;
        var phase = PhaseTimes.Start();
        var periods = _writes;
        PeriodRows? period = null;
        var hour = default(Instant);
        foreach (var key in rows.Keys)
        {
            if (period is null || key.Hour != hour) // the rows come about in time order: a period is looked up once per run of its rows
            {
                hour = key.Hour;
                written.Add((table, hour));
                if (!periods.TryGetValue((table, hour), out period)) periods[(table, hour)] = period = new PeriodRows();
            }
            period.Appended(key.Hash);
        }
        // Filled in place, in DuckDB's own chunks (RollupRowsInsert): DuckDB.NET's row appender made a native call per value,
        // most of a live session's roll-up time (a people row a third of the events, eleven values each), and DuckDB's
        // appender copied each chunk once more.
        _inserts[table].Insert(rows);
        PhaseTimes.Add(RollupPhases.Append(table), phase);
    }

    /// <summary>Spellings and hosts the open session stored otherwise (<see cref="RollupCatchUp"/>): known with its commit.</summary>
    public void Stored(IReadOnlyList<string> spellings, IReadOnlyList<string> hosts)
    {
        foreach (var value in spellings) _spellings.IsNew(value);
        foreach (var value in hosts) _hosts.IsNew(value);
    }

    /// <summary>The session committed: the spellings it wrote are stored.</summary>
    public void Committed()
    {
        _spellings.Committed();
        _hosts.Committed();
    }

    /// <summary>The session was rolled back: its rows, spellings and hosts are not stored.</summary>
    public void RolledBack()
    {
        _session.Clear();
        _spellings.RolledBack();
        _hosts.RolledBack();
    }

    /// <summary>Stores the spellings of person and site, and the hosts apart from their registered domain
    /// (<see cref="RollupHosts"/>), in these people roll-up rows that are not known to be stored.</summary>
    private void AddSpellings(Dictionary<PeopleRollupKey, RollupSums>.KeyCollection keys)
    {
        _spellingColumns ??= RollupSpellings.Columns.Select(Index).ToArray();
        // Once per writer: what the tables hold (a restart's earlier values), so that only values not stored are inserted.
        if (!_spellings.Loaded) _spellings.Load(RollupSpellings.All(connection));
        if (!_hosts.Loaded) _hosts.Load(RollupHosts.All(connection));
        var added = new List<string>();
        var hosts = new List<string>();
        foreach (var key in keys)
        {
            foreach (var i in _spellingColumns)
                if (key[i] is string value && _spellings.IsNew(value))
                    added.Add(value);
            if (key[_host] is string host && RollupHosts.Apart(host, key[_registered] as string) && _hosts.IsNew(host))
                hosts.Add(host);
        }
        if (added.Count > 0) RollupSpellings.Add(connection, added);
        if (hosts.Count > 0) RollupHosts.Add(connection, hosts);
    }

    private static int Index(string column) => RollupTables.People.Keys.ToList().FindIndex(k => k.Name == column);

    /// <summary>One row per key in the table's period: its rows summed, in the caller's transaction. Returns the rows left.</summary>
    private static long Compact(DuckDBConnection connection, RollupTable table, Instant period)
    {
        var keys = string.Join(", ", table.Keys.Select(k => k.Name));
        Run(connection, $"""
            CREATE OR REPLACE TEMP TABLE rollup_compacted AS
            SELECT {RollupTable.Hour}, {keys}, sum(requests)::BIGINT AS requests, sum(bytes)::BIGINT AS bytes,
                   min(first_seen) AS first_seen, max(last_seen) AS last_seen
            FROM {table.Name} WHERE {RollupTable.Hour} = $hour GROUP BY ALL
            """, period);
        Run(connection, $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} = $hour", period);
        var rows = Run(connection, $"INSERT INTO {table.Name} SELECT * FROM temp.rollup_compacted", null);
        Run(connection, "DROP TABLE temp.rollup_compacted", null);
        return rows;
    }

    private static int Run(DuckDBConnection connection, string sql, Instant? hour)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (hour is { } h) command.Parameters.Add(new DuckDBParameter("hour", h.ToDateTimeUtc()));
        return command.ExecuteNonQuery();
    }

    public static Instant HourOf(Instant t) => RollupTable.Floor(t, NodaConstants.TicksPerHour);
}
