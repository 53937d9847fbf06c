using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The roll-ups an import owes: the (school, UTC hour) pairs whose new events were stored without being counted, in the
/// table <c>rollup_pending</c>. An import (a store opened with <c>rollupsAtClose</c>) marks them in each write session's
/// transaction, so a pair is pending exactly when its events are committed, and counts them all once at the end
/// (<see cref="Recount"/>): one set-based GROUP BY whose rows DuckDB stores as whole compressed row groups, instead of
/// each session's few hundred thousand roll-up rows going row by row through the WAL and the final checkpoint
/// (bench/results/import-regression-reading-2026-12-02.md: about 10 s of a 30 s import of 1,000,000 lines). A store
/// that opens with pairs still pending (an import killed before its end) counts them first (<see cref="RollupBackfill"/>),
/// so every reader finds the roll-ups equal to the events.
/// </summary>
internal static class RollupPending
{
    public const string Table = "rollup_pending";

    /// <summary>The live write session that owes the pair (<see cref="RollupCatchUp"/>), or NULL: the whole hour is owed (an import's).</summary>
    public const string Session = "owed";

    public const string Create = $"CREATE TABLE IF NOT EXISTS {Table} (organization_id VARCHAR, {RollupTable.Hour} TIMESTAMP NOT NULL, {Session} BIGINT)";

    /// <summary>The table made, or given <see cref="Session"/> (a store made before it).</summary>
    public static void Ensure(DuckDBConnection connection)
    {
        connection.Execute(Create);
        connection.Execute($"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS {Session} BIGINT");
    }

    /// <summary>Marks the hours of these new events (findings aside) as owed, by <paramref name="session"/> (null: by the hour),
    /// in the caller's transaction.</summary>
    public static void Mark(DuckDBConnection connection, IReadOnlyList<NetEvent> newEvents, long? session = null)
    {
        var owed = new HashSet<(string?, Instant)>();
        (string?, Instant)? last = null;
        foreach (var e in newEvents)
        {
            if (e.Finding is not null) continue;
            var pair = (e.Organization?.Id, RollupWriter.HourOf(e.Timestamp));
            // Log lines come in time order: most events repeat the previous one's pair (a set look-up each was 1% of a plain import).
            if (last == pair) continue;
            owed.Add(pair);
            last = pair;
        }
        if (owed.Count == 0) return;
        using var appender = connection.CreateAppender(Table);
        foreach (var (school, hour) in owed)
        {
            var row = appender.CreateRow();
            row = (school is null ? row.AppendNullValue() : row.AppendValue(school)).AppendValue(hour.ToDateTimeUtc());
            (session is { } s ? row.AppendValue(s) : row.AppendNullValue()).EndRow();
        }
    }

    /// <summary>True when some hours are owed.</summary>
    public static bool Any(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Table})";
        return command.ExecuteScalar() is true;
    }

    /// <summary>
    /// Counts everything owed, outside any transaction of the caller's: each owed session's events
    /// (<see cref="RollupCatchUp"/>) in a transaction of its own, then the hours owed whole (<see cref="Recount"/>) in one.
    /// A transaction per session: the close of a service that was behind for minutes finds ~80 sessions of ~100,000 events
    /// (50,000 lines/s for 240 s), and one transaction over all of them failed there once (session 40's bench; the close
    /// keeps such an exception quiet, so its cause was not seen): all rolled back, all owed again at the next open, whose
    /// one transaction could fail the same way. A step's own transaction bounds what each holds and keeps what it counted.
    /// </summary>
    public static void CountAll(DuckDBConnection connection)
    {
        if (!Any(connection)) return; // the usual case, without a transaction
        while (true)
        {
            using var step = connection.BeginTransaction();
            if (RollupCatchUp.Step(connection) is null) break;
            step.Commit();
        }
        if (!Any(connection)) return;
        using var recount = connection.BeginTransaction();
        Recount(connection);
        recount.Commit();
    }

    /// <summary>
    /// Counts the owed (school, hour) pairs of every roll-up again from the events (their rows deleted first: an hour an
    /// earlier import or the service also wrote is counted whole) and clears them, in the caller's transaction.
    /// </summary>
    private static void Recount(DuckDBConnection connection)
    {
        const string inSpan = "\"@timestamp\" >= $first AND \"@timestamp\" < $past";
        foreach (var table in RollupTables.All)
        {
            var phase = PhaseTimes.Start();
            // The owed hours as the table's periods: a day of a table of days is counted whole.
            var owed = $"(SELECT DISTINCT organization_id, date_trunc('{table.Unit}', {RollupTable.Hour}) AS {RollupTable.Hour} FROM {Table})";
            DateTime first, past;
            using (var span = connection.CreateCommand())
            {
                span.CommandText = $"SELECT min({RollupTable.Hour}), max({RollupTable.Hour}) + INTERVAL 1 {table.Unit} FROM {owed}";
                using var r = span.ExecuteReader();
                if (!r.Read() || r.IsDBNull(0)) return;
                (first, past) = (r.GetDateTime(0), r.GetDateTime(1));
            }
            connection.Execute($"""
                DELETE FROM {table.Name} USING {owed} AS owed
                WHERE {table.Name}.{RollupTable.Hour} = owed.{RollupTable.Hour}
                  AND {table.Name}.organization_id IS NOT DISTINCT FROM owed.organization_id
                """);
            // Counted over the owed span (constant bounds: the events' zone maps skip row groups outside it), then only the
            // owed (school, hour) groups kept: a semi-join of the groups, several times cheaper than one of the events.
            using var insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT INTO {table.Name}
                SELECT counted.* FROM ({table.SelectFromEvents(inSpan)}) AS counted({RollupTable.Hour})
                SEMI JOIN {owed} AS owed
                    ON owed.{RollupTable.Hour} = counted.{RollupTable.Hour} AND owed.organization_id IS NOT DISTINCT FROM counted.organization_id
                ORDER BY {table.Order}
                """;
            insert.Parameters.Add(new DuckDBParameter("first", first));
            insert.Parameters.Add(new DuckDBParameter("past", past));
            insert.ExecuteNonQuery();
            PhaseTimes.Add("roll-ups owed: " + table.Name, phase);
        }
        var sides = PhaseTimes.Start();
        RollupSpellings.Ensure(connection, refill: true); // the owed hours' new spellings and hosts, which no write session added
        RollupHosts.Ensure(connection, refill: true);
        connection.Execute($"DELETE FROM {Table}");
        PhaseTimes.Add("roll-ups owed: spellings, hosts", sides);
    }
}
