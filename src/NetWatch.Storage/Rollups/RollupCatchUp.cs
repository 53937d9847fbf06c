using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The roll-ups of the live service's write sessions that were stored while the store stage was behind, counted
/// afterwards from their events, one session (<see cref="Step"/>) or a group of them (<see cref="Count"/>) a step. Behind, a session counts no roll-up (no <see cref="RollupCounter"/>
/// work, no roll-up rows through the WAL: about half of what a behind session wrote, bench/results/owe-2026-12-06-session39.txt):
/// its events carry its number (<see cref="EventTables.OwedColumn"/>) and its (school, hour) pairs are in
/// <see cref="RollupPending"/> with it, committed together. A step counts one owed session's events set-based and adds
/// the rows (roll-up rows are additive: a key may have a row per session, which readers sum), the spellings and hosts
/// they bring, and removes that session's pairs, in the caller's transaction: a pair goes when no owed session still
/// covers it. The service takes a step in each session that keeps up (<see cref="Writing.DuckDbWriteSession"/>), the
/// close counts what is left for a bounded time, in groups (<see cref="RollupPending.CountAll"/>).
/// </summary>
internal static class RollupCatchUp
{
    /// <summary>store_info's key of the last session number given (numbers are never given twice: events keep theirs).</summary>
    private const string LastKey = "rollup_owed_session";

    private const string Counted = "rollup_owed_people";

    /// <summary>The number the next owed session takes: one past the last given (read once per writer).</summary>
    public static long Next(DuckDBConnection connection) =>
        StoreInfo.Get(connection, LastKey) is { } last ? long.Parse(last, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;

    /// <summary>Records <paramref name="session"/> as given, in the caller's transaction (the owed session's own).</summary>
    public static void Given(DuckDBConnection connection, long session) =>
        StoreInfo.Set(connection, LastKey, session.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Counts the oldest owed session, in the caller's transaction (a session keeping up: what it waits for is bounded by
    /// one behind session's events); returns the spellings and hosts it added to their tables (for the writer's
    /// <see cref="KnownValues"/>), or null when no session is owed.
    /// </summary>
    public static (IReadOnlyList<string> Spellings, IReadOnlyList<string> Hosts)? Step(DuckDBConnection connection)
    {
        var started = Timeline.Start();
        if (OwedGroup.Oldest(connection) is not { } oldest) return null;
        var added = Count(connection, oldest);
        // The pay-down's pace after a restart (bench/restart-after-behind.sh): which session, and what the step cost the
        // keeping-up session it ran in.
        Timeline.Write($"owed step: session {oldest.Sessions[0]} counted, {Timeline.Since(started)}");
        return added;
    }

    /// <summary>
    /// Counts a group of owed sessions, in the caller's transaction: their events set-based into each roll-up (rows are
    /// additive: a key may have a row per step, which readers sum), the spellings and hosts their people rows bring, and
    /// their pairs removed (a pair goes when no owed session still covers it). Returns the spellings and hosts added.
    /// </summary>
    public static (IReadOnlyList<string> Spellings, IReadOnlyList<string> Hosts) Count(DuckDBConnection connection, OwedGroup group)
    {
        // The sessions' events lie in the hours of their pairs: constant bounds on @timestamp and on the owed column, so the
        // events' zone maps skip the row groups of other hours and other sessions; the list keeps exactly the group's.
        var where = $"""
            "@timestamp" >= $first AND "@timestamp" < $past
            AND {EventTables.OwedColumn} BETWEEN {group.Sessions[0]} AND {group.Sessions[^1]} AND {EventTables.OwedColumn} IN ({group.List})
            """;
        foreach (var table in RollupTables.All)
        {
            var phase = PhaseTimes.Start();
            // The people rows through a temporary table: the spellings and hosts are looked for in the group's rows alone.
            var into = table == RollupTables.People ? $"temp.{Counted}" : table.Name;
            if (table == RollupTables.People) connection.Execute($"CREATE OR REPLACE TEMP TABLE {Counted} AS SELECT * FROM {table.Name} LIMIT 0");
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {into} {table.SelectFromEvents(where, EventTables.WithOwed)}";
            insert.Parameters.Add(new DuckDBParameter("first", group.First));
            insert.Parameters.Add(new DuckDBParameter("past", group.Past));
            insert.ExecuteNonQuery();
            PhaseTimes.Add(Phase + table.Name, phase);
        }
        var sides = PhaseTimes.Start();
        connection.Execute($"INSERT INTO {RollupTables.People.Name} SELECT * FROM temp.{Counted}");
        var spellings = RollupSpellings.Fill(connection, $"temp.{Counted}");
        var hosts = RollupHosts.Fill(connection, $"temp.{Counted}");
        connection.Execute($"DROP TABLE temp.{Counted}");
        connection.Execute($"DELETE FROM {RollupPending.Table} WHERE {RollupPending.Session} IN ({group.List})");
        PhaseTimes.Add(Phase + "spellings, hosts, marks", sides);
        return (spellings, hosts);
    }

    /// <summary>The condition, over <see cref="EventTables.WithOwed"/>, that an event's roll-ups are not owed by a session
    /// (a recount from the events leaves those to the session's catch-up).</summary>
    public static string NotOwed => $"""
        {EventTables.OwedColumn} IS NULL OR {EventTables.OwedColumn} NOT IN
            (SELECT {RollupPending.Session} FROM {RollupPending.Table} WHERE {RollupPending.Session} IS NOT NULL)
        """;

    /// <summary>The phases' prefix (NETWATCH_PHASES=1).</summary>
    public const string Phase = "roll-ups catch-up: ";
}
