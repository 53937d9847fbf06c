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

    /// <summary>Creates the roll-ups, filled from the stored events, unless the store has this version of them already.</summary>
    public static void Ensure(DuckDBConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT value FROM store_info WHERE key = '{VersionKey}'";
            if (command.ExecuteScalar() as string == RollupTables.Version)
            {
                foreach (var table in RollupTables.All) connection.Execute(table.Create);
                RollupSpellings.Ensure(connection, refill: false);
                return;
            }
        }
        using var transaction = connection.BeginTransaction();
        foreach (var table in RollupTables.All)
        {
            connection.Execute($"DROP TABLE IF EXISTS {table.Name}");
            connection.Execute(table.Create);
            connection.Execute($"INSERT INTO {table.Name} {table.SelectFromEvents("true")}");
        }
        RollupSpellings.Ensure(connection, refill: true);
        connection.Execute($"INSERT OR REPLACE INTO store_info VALUES ('{VersionKey}', '{RollupTables.Version}')");
        transaction.Commit();
    }

    /// <summary>
    /// After the events before <paramref name="before"/> were deleted (in the caller's transaction): drops the hours
    /// before it and counts again the hour it falls in.
    /// </summary>
    public static void Forget(DuckDBConnection connection, Instant before)
    {
        var hour = RollupWriter.HourOf(before);
        foreach (var table in RollupTables.All)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} < $hour";
            delete.Parameters.Add(new DuckDBParameter("hour", hour.ToDateTimeUtc()));
            delete.ExecuteNonQuery();
        }
        if (hour != before) Recount(connection, hour, hour + Duration.FromHours(1));
    }

    /// <summary>
    /// Counts again, from the events, the hours [<paramref name="from"/>, <paramref name="to"/>) (hour starts) of every
    /// roll-up: in the caller's transaction, after events of those hours were deleted.
    /// </summary>
    public static void Recount(DuckDBConnection connection, Instant from, Instant to)
    {
        foreach (var table in RollupTables.All)
        {
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = $"DELETE FROM {table.Name} WHERE {RollupTable.Hour} >= $from AND {RollupTable.Hour} < $to";
                Bind(delete, from, to);
                delete.ExecuteNonQuery();
            }
            using var insert = connection.CreateCommand();
            insert.CommandText = $"INSERT INTO {table.Name} {table.SelectFromEvents("\"@timestamp\" >= $from AND \"@timestamp\" < $to")}";
            Bind(insert, from, to);
            insert.ExecuteNonQuery();
        }
    }

    private static void Bind(DuckDBCommand command, Instant from, Instant to)
    {
        command.Parameters.Add(new DuckDBParameter("from", from.ToDateTimeUtc()));
        command.Parameters.Add(new DuckDBParameter("to", to.ToDateTimeUtc()));
    }
}
