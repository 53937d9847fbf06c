using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The INSERT that counts <c>rollup_people</c>'s owed hours again (<see cref="RollupPending.Recount"/>) with its few-valued
/// columns (categories, verdict, action, kind) grouped and sorted as one BIGINT: each value's position in the list of the
/// values the owed hours hold, the four positions packed by mixed radix, and unpacked only after the ORDER BY by indexing
/// the lists (a projection: the order stays). A 1M-line import's recount groups ~1,000,000 events into ~711,000 rows and
/// sorts them by person and hour: DuckDB's sort moves every payload column of every row (~0.1 s CPU a column here), and
/// its hash table compares the categories list and three strings a row; packed, the same rows cost ~0.45 s CPU less
/// (bench/results/recount-2026-12-06-session34.txt).
/// The lists come from <c>rollup_events</c>' rows of the owed hours, counted just before from the same events (it keys on
/// the same four columns): every value an owed people row can hold is there. A group of a counted hour that is not owed
/// may hold a value not in the lists (packed as null, so merged with the null's group): the semi-join with the owed hours
/// drops every such group. When a list is long (each event looks its value up in it) or the positions would not fit a
/// BIGINT, <see cref="Sql"/> answers null and the caller counts the plain way.
/// </summary>
internal static class PackedPeopleRecount
{
    /// <summary>Longest list of values a column is packed with: an event's look-up is a linear scan of the list.</summary>
    public const int MostValues = 128;

    /// <summary>The packed columns, all keys of both <c>rollup_people</c> and <c>rollup_events</c> (where the lists come from).</summary>
    private static readonly string[] Packed = ["netwatch_categories", "netwatch_policy_verdict", "event_action", RollupTables.Kind];

    private static string Variable(string column) => "netwatch_recount_" + column;

    /// <summary>
    /// Sets the connection's variables to the owed hours' values of each packed column (from <c>rollup_events</c>, recounted
    /// already in this transaction) and answers the INSERT of <c>rollup_people</c>'s owed rows, counted from the events
    /// matching <paramref name="inSpan"/> and kept where <paramref name="owed"/> has their (school, hour); or null (the
    /// variables reset) when the values do not pack. <see cref="Reset"/> after the INSERT.
    /// </summary>
    public static string? Sql(DuckDBConnection connection, string owed, string inSpan)
    {
        var table = RollupTables.People;
        var events = RollupTables.Events.Name;
        foreach (var column in Packed)
            connection.Execute($"""
                SET VARIABLE {Variable(column)} = (
                    SELECT list(DISTINCT {column}) FILTER (WHERE {column} IS NOT NULL) FROM {events}
                    SEMI JOIN {owed} AS owed ON owed.{RollupTable.Hour} = {events}.{RollupTable.Hour}
                        AND owed.organization_id IS NOT DISTINCT FROM {events}.organization_id)
                """);
        // Each column's radix: its values' count and one for null (position 0, which indexes to null).
        var radices = new long[Packed.Length];
        using (var lengths = connection.CreateCommand())
        {
            lengths.CommandText = "SELECT " + string.Join(", ", Packed.Select(c => $"coalesce(len(getvariable('{Variable(c)}')), 0)"));
            using var r = lengths.ExecuteReader();
            r.Read();
            for (var i = 0; i < Packed.Length; i++) radices[i] = Convert.ToInt64(r.GetValue(i)) + 1;
        }
        var weights = Weights(radices);
        if (weights is null || radices.Any(r => r - 1 > MostValues))
        {
            Reset(connection);
            return null;
        }
        var keys = table.Keys.ToDictionary(k => k.Name);
        var code = string.Join(" + ", Packed.Select((c, i) =>
            $"coalesce(list_position(getvariable('{Variable(c)}'), {keys[c].FromEvents}), 0)::BIGINT * {weights[i]}"));
        var plain = table.Keys.Where(k => !Packed.Contains(k.Name)).ToList();
        // The counted rows' columns: the period, the plain keys, the code, the sums; then unpacked in the table's order.
        var counted = string.Join(", ", [RollupTable.Hour, .. plain.Select(k => k.Name), "code", "requests", "bytes", "first_seen", "last_seen"]);
        var unpacked = table.Keys.Select(k => Array.IndexOf(Packed, k.Name) is var i and >= 0
            ? $"getvariable('{Variable(k.Name)}')[(code // {weights[i]}) % {radices[i]}]"
            : k.Name);
        return $"""
            INSERT INTO {table.Name}
            SELECT {RollupTable.Hour}, {string.Join(", ", unpacked)}, requests, bytes, first_seen, last_seen
            FROM (
                SELECT counted.* FROM (
                    SELECT date_trunc('{table.Unit}', "@timestamp"), {string.Join(", ", plain.Select(k => k.FromEvents))}, {code},
                           count(*), coalesce(sum(http_response_bytes), 0), min("@timestamp"), max("@timestamp")
                    FROM events WHERE netwatch_finding IS NULL AND ({inSpan})
                    GROUP BY ALL) AS counted({counted})
                SEMI JOIN {owed} AS owed
                    ON owed.{RollupTable.Hour} = counted.{RollupTable.Hour} AND owed.organization_id IS NOT DISTINCT FROM counted.organization_id
                ORDER BY {table.Order})
            """;
    }

    /// <summary>Forgets the lists <see cref="Sql"/> set.</summary>
    public static void Reset(DuckDBConnection connection)
    {
        foreach (var column in Packed) connection.Execute($"RESET VARIABLE {Variable(column)}");
    }

    /// <summary>Each position's weight in the code (the product of the later columns' radices), or null when the product of
    /// all the radices (the largest code plus one) does not fit a BIGINT.</summary>
    public static long[]? Weights(IReadOnlyList<long> radices)
    {
        var weights = new long[radices.Count];
        long weight = 1;
        try
        {
            for (var i = radices.Count - 1; i >= 0; i--)
            {
                weights[i] = weight;
                weight = checked(weight * radices[i]);
            }
        }
        catch (OverflowException)
        {
            return null;
        }
        return weights;
    }
}
