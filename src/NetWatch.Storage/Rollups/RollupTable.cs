namespace NetWatch.Storage.Rollups;

/// <summary>
/// One roll-up: the stored events (findings aside) counted per UTC hour and a set of the events table's columns
/// (<see cref="Keys"/>, named as there, so the search's WHERE clause and the aggregates' keys read it unchanged),
/// with requests, response bytes and the first and last @timestamp. <see cref="RollupWriter"/> adds each batch's new
/// events in the batch's transaction; <see cref="RollupBackfill"/> fills it from the events table.
/// </summary>
internal sealed record RollupTable(string Name, IReadOnlyList<RollupColumn> Keys)
{
    /// <summary>The hour column: the UTC hour of @timestamp.</summary>
    public const string Hour = "hour";

    public bool Has(string column) => Keys.Any(k => k.Name == column);

    public string Create => $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            {Hour} TIMESTAMP NOT NULL,
            {string.Join(",\n    ", Keys.Select(k => $"{k.Name} {k.Type}"))},
            requests BIGINT NOT NULL,
            bytes BIGINT NOT NULL,
            first_seen TIMESTAMP NOT NULL,
            last_seen TIMESTAMP NOT NULL)
        """;

    /// <summary>The SELECT that rolls up events (findings aside) matching <paramref name="where"/>, as the table's rows.</summary>
    public string SelectFromEvents(string where) => $"""
        SELECT date_trunc('hour', "@timestamp"), {string.Join(", ", Keys.Select(k => k.FromEvents))},
               count(*), coalesce(sum(http_response_bytes), 0), min("@timestamp"), max("@timestamp")
        FROM events WHERE netwatch_finding IS NULL AND ({where})
        GROUP BY ALL
        """;
}

/// <summary>A key column of a roll-up: its name (an events column's, or <c>kind</c>), type and value over the events table.</summary>
internal sealed record RollupColumn(string Name, string Type, string FromEvents)
{
    public static RollupColumn Same(string name, string type) => new(name, type, name);
}
