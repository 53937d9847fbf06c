using DuckDB.NET.Data;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Fills the roll-ups from the events table: the whole of it when a store opens without them (a store written before
/// roll-ups, or with another <see cref="RollupTables.Version"/> of them), and the hours whose events retention cut into.
/// </summary>
internal static class RollupBackfill
{
    private const string VersionKey = "rollup_version";

    /// <summary>
    /// Creates the roll-ups, filled from the stored events, unless the store has this version of them already; then counts
    /// any hours an import left owed (<see cref="RollupPending"/>: it was killed before its end); the sessions the live
    /// service left owed (<see cref="RollupCatchUp"/>) stay owed, for its sessions keeping up or a close to count.
    /// </summary>
    public static void Ensure(DuckDBConnection connection)
    {
        RollupPending.Ensure(connection);
        if (StoreInfo.Get(connection, VersionKey) == RollupTables.Version)
        {
            // A roll-up added at this version (rollup_sites, session 12) is counted alone; the others are kept.
            foreach (var table in RollupTables.All.Where(t => !connection.TableExists(t.Name)).ToList())
            {
                using var fill = connection.BeginTransaction();
                connection.Execute(table.Create);
                connection.Execute(table.InsertFromEvents(RollupCatchUp.NotOwed, Events.EventTables.WithOwed)); // the owed: below
                fill.Commit();
            }
            RollupSpellings.Ensure(connection, refill: false);
            RollupHosts.Ensure(connection, refill: false);
            // The hours an import left owed; not the live sessions': an open waits for no long owed tail (the service's
            // sessions keeping up count them, readers answer from the events meanwhile: OwedRollups).
            RollupPending.CountAll(connection, sessions: TimeSpan.Zero);
            return;
        }
        using var transaction = connection.BeginTransaction();
        foreach (var table in RollupTables.All)
        {
            connection.Execute($"DROP TABLE IF EXISTS {table.Name}");
            connection.Execute(table.Create);
            connection.Execute(table.InsertFromEvents("true"));
        }
        RollupSpellings.Ensure(connection, refill: true);
        RollupHosts.Ensure(connection, refill: true);
        connection.Execute($"DELETE FROM {RollupPending.Table}"); // counted whole just now
        StoreInfo.Set(connection, VersionKey, RollupTables.Version);
        transaction.Commit();
    }

    /// <summary>
    /// After the events before <paramref name="before"/> were deleted (in the caller's transaction): drops each roll-up's
    /// periods before it and counts again the period (hour or day) it falls in.
    /// </summary>
    public static void Forget(DuckDBConnection connection, Instant before)
    {
        foreach (var table in RollupTables.All)
        {
            var period = table.PeriodOf(before);
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} < $hour";
                delete.Parameters.Add(new DuckDBParameter("hour", period.ToDateTimeUtc()));
                delete.ExecuteNonQuery();
            }
            if (period != before) Recount(connection, table, period, period + table.Length);
        }
    }

    /// <summary>
    /// Counts again, from the events, the periods [<paramref name="from"/>, <paramref name="to"/>) (period starts) of
    /// <paramref name="table"/>: in the caller's transaction, after events of those periods were deleted.
    /// </summary>
    private static void Recount(DuckDBConnection connection, RollupTable table, Instant from, Instant to)
    {
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} >= $from AND {RollupTable.Hour} < $to";
            Bind(delete, from, to);
            delete.ExecuteNonQuery();
        }
        using var insert = connection.CreateCommand();
        // Not the events of sessions still owed: their catch-up adds them (RollupCatchUp).
        insert.CommandText = table.InsertFromEvents($"""
            "@timestamp" >= $from AND "@timestamp" < $to AND ({RollupCatchUp.NotOwed})
            """, Events.EventTables.WithOwed);
        Bind(insert, from, to);
        insert.ExecuteNonQuery();
    }

    private static void Bind(DuckDBCommand command, Instant from, Instant to)
    {
        command.Parameters.Add(new DuckDBParameter("from", from.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("to", to.ToDateTimeUtc()));
    }
}
