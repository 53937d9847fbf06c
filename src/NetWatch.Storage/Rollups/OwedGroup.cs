using System.Globalization;
using DuckDB.NET.Data;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Owed sessions (<see cref="RollupCatchUp"/>) counted together in one step, in the order they were given, with the span of
/// their pairs' hours [<paramref name="First"/>, <paramref name="Past"/>) (the constant bounds their events lie in).
/// </summary>
internal sealed record OwedGroup(IReadOnlyList<long> Sessions, DateTime First, DateTime Past)
{
    /// <summary>
    /// The events a group of the close's count holds at most (one session more when one alone is bigger). One set-based
    /// step per group rather than per session: the spellings, hosts and marks and each statement's own cost are paid once
    /// per group, and a roll-up's rows of a group (a few hundred thousand for 1,000,000 events) are more than a row group,
    /// which DuckDB writes to the file as it inserts them instead of through the WAL and again at the checkpoint. Bounded
    /// so that a step's transaction stays the size of an import's session (a transaction over ~80 sessions failed at
    /// session 40's close), and so that the close's time budget is overrun by at most one group's few seconds.
    /// </summary>
    public const long MaxEvents = 1_000_000;

    /// <summary>The sessions as a SQL list of constants.</summary>
    public string List => string.Join(", ", Sessions.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The oldest owed session alone, or null when none is owed.</summary>
    public static OwedGroup? Oldest(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {RollupPending.Session}, min({RollupTable.Hour}), max({RollupTable.Hour}) + INTERVAL 1 hour FROM {RollupPending.Table}
            WHERE {RollupPending.Session} = (SELECT min({RollupPending.Session}) FROM {RollupPending.Table})
            GROUP BY ALL
            """;
        using var r = command.ExecuteReader();
        return r.Read() ? new OwedGroup([r.GetInt64(0)], r.GetDateTime(1), r.GetDateTime(2)) : null;
    }

    /// <summary>
    /// Every owed session, oldest first, cut into groups of consecutive sessions of at most <paramref name="maxEvents"/>
    /// events (findings too: an upper bound) each.
    /// </summary>
    public static IReadOnlyList<OwedGroup> All(DuckDBConnection connection, long maxEvents = MaxEvents)
    {
        var sessions = new List<(long Session, DateTime First, DateTime Past, long Events)>();
        using (var command = connection.CreateCommand())
        {
            // The events counted per session over the owed column alone, from the oldest owed session's number on (a
            // constant: the zone maps skip the row groups of events counted as stored, whose column is NULL).
            command.CommandText = $"""
                SELECT p.{RollupPending.Session}, min(p.{RollupTable.Hour}), max(p.{RollupTable.Hour}) + INTERVAL 1 hour, any_value(coalesce(e.n, 0))
                FROM {RollupPending.Table} AS p LEFT JOIN (
                    SELECT {EventTables.OwedColumn} AS {RollupPending.Session}, count(*) AS n FROM {EventTables.WithOwed}
                    WHERE {EventTables.OwedColumn} >= {Lowest(connection)} GROUP BY ALL) AS e USING ({RollupPending.Session})
                WHERE p.{RollupPending.Session} IS NOT NULL
                GROUP BY p.{RollupPending.Session} ORDER BY p.{RollupPending.Session}
                """;
            using var r = command.ExecuteReader();
            while (r.Read()) sessions.Add((r.GetInt64(0), r.GetDateTime(1), r.GetDateTime(2), r.GetInt64(3)));
        }
        var groups = new List<OwedGroup>();
        var start = 0;
        long events = 0;
        for (var i = 0; i < sessions.Count; i++)
        {
            if (i > start && events + sessions[i].Events > maxEvents)
            {
                groups.Add(Of(sessions[start..i]));
                (start, events) = (i, 0);
            }
            events += sessions[i].Events;
        }
        if (start < sessions.Count) groups.Add(Of(sessions[start..]));
        return groups;
    }

    private static OwedGroup Of(List<(long Session, DateTime First, DateTime Past, long Events)> sessions) =>
        new([.. sessions.Select(s => s.Session)], sessions.Min(s => s.First), sessions.Max(s => s.Past));

    /// <summary>The oldest owed session's number (0 when none is owed: no group comes of it).</summary>
    private static long Lowest(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(min({RollupPending.Session}), 0) FROM {RollupPending.Table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
