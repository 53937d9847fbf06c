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
    public static bool Any(DuckDBConnection connection) => Exists(connection, "true");

    /// <summary>
    /// Counts what is owed, outside any transaction of the caller's: the owed sessions' events (<see cref="RollupCatchUp"/>)
    /// in groups (<see cref="OwedGroup.MaxEvents"/>), each in a transaction of its own, while <paramref name="sessions"/>
    /// has not run out (looked at before each group: <see cref="TimeSpan.Zero"/> counts none, <see cref="All"/> every one),
    /// then the hours owed whole (an import's: <see cref="Recount"/>) in one. The sessions left stay owed in the file, for
    /// the live service's sessions keeping up (or a later close) to count; readers answer from the events meanwhile
    /// (<see cref="OwedRollups"/>). A group that fails is rolled back whole (its sessions still owed) and its exception
    /// thrown, the groups before it kept.
    /// </summary>
    public static void CountAll(DuckDBConnection connection, TimeSpan sessions)
    {
        if (!Any(connection)) return; // the usual case, without a transaction
        if (sessions > TimeSpan.Zero)
        {
            var spent = System.Diagnostics.Stopwatch.StartNew();
            foreach (var group in OwedGroup.All(connection))
            {
                if (spent.Elapsed >= sessions) break;
                using var step = connection.BeginTransaction();
                RollupCatchUp.Count(connection, group);
                step.Commit();
            }
        }
        if (!AnyHours(connection)) return;
        using var recount = connection.BeginTransaction();
        Recount(connection);
        recount.Commit();
    }

    /// <summary><see cref="CountAll"/>'s budget that counts every owed session.</summary>
    public static readonly TimeSpan All = TimeSpan.MaxValue;

    /// <summary>True when some hours are owed whole (an import's), not by a session.</summary>
    private static bool AnyHours(DuckDBConnection connection) => Exists(connection, $"{Session} IS NULL");

    /// <summary>True when some session owes its roll-ups.</summary>
    private static bool AnySessions(DuckDBConnection connection) => Exists(connection, $"{Session} IS NOT NULL");

    private static bool Exists(DuckDBConnection connection, string where)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {Table} WHERE {where})";
        return command.ExecuteScalar() is true;
    }

    /// <summary>
    /// Counts the (school, hour) pairs owed whole of every roll-up again from the events (their rows deleted first: an hour
    /// an earlier import or the service also wrote is counted whole) and clears them, in the caller's transaction. The
    /// events of sessions still owed are left to their catch-up, which adds them later (rows are additive).
    /// </summary>
    private static void Recount(DuckDBConnection connection)
    {
        // Only while sessions are still owed (a close or open that left them) are their events looked for and left out.
        var sessionsOwed = AnySessions(connection);
        var inSpan = $"\"@timestamp\" >= $first AND \"@timestamp\" < $past AND ({(sessionsOwed ? RollupCatchUp.NotOwed : "true")})";
        var events = sessionsOwed ? Events.EventTables.WithOwed : "events";
        foreach (var table in RollupTables.All)
        {
            var phase = PhaseTimes.Start();
            // The owed hours as the table's periods: a day of a table of days is counted whole.
            var owed = $"(SELECT DISTINCT organization_id, date_trunc('{table.Unit}', {RollupTable.Hour}) AS {RollupTable.Hour} FROM {Table} WHERE {Session} IS NULL)";
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
                SELECT counted.* FROM ({table.SelectFromEvents(inSpan, events)}) AS counted({RollupTable.Hour})
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
        connection.Execute($"DELETE FROM {Table} WHERE {Session} IS NULL");
        PhaseTimes.Add("roll-ups owed: spellings, hosts", sides);
    }
}
