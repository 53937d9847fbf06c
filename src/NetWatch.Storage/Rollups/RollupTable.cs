using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// One roll-up: the stored events (findings aside) counted per period (a UTC hour, or a UTC day: <see cref="Grain"/>)
/// and a set of the events table's columns (<see cref="Keys"/>, named as there, so the search's WHERE clause and the
/// aggregates' keys read it unchanged), with requests, response bytes and the first and last @timestamp.
/// <see cref="RollupWriter"/> adds each batch's new events in the batch's transaction; <see cref="RollupBackfill"/>
/// fills it from the events table.
/// </summary>
/// <param name="Order">The columns a fill from the events sorts its rows by (<see cref="InsertFromEvents"/>), so that DuckDB's
/// zone maps let a question naming them skip whole row groups: the site for <c>rollup_sites</c>, the person for
/// <c>rollup_people</c> (<see cref="RollupChoice"/> prefers the table sorted by what a question names). Rows the live
/// service appends are in time order.</param>
internal sealed record RollupTable(string Name, RollupGrain Grain, string Order, IReadOnlyList<RollupColumn> Keys)
{
    /// <summary>The period column: the start of the UTC hour (or day, in a table of days) of @timestamp. Named
    /// <c>hour</c> in every table, so that one WHERE clause and one join to the buckets read them all.</summary>
    public const string Hour = "hour";

    /// <summary>The period's length.</summary>
    public Duration Length => Grain == RollupGrain.Day ? Duration.FromDays(1) : Duration.FromHours(1);

    /// <summary>The start of the period <paramref name="t"/> lies in.</summary>
    public Instant PeriodOf(Instant t) => Floor(t, Length.BclCompatibleTicks);

    /// <summary>True when <paramref name="t"/> starts a period (a question's bound there is answered exactly).</summary>
    public bool Starts(Instant t) => PeriodOf(t) == t;

    /// <summary>DuckDB's date_trunc unit of a period.</summary>
    public string Unit => Grain == RollupGrain.Day ? "day" : "hour";

    public static Instant Floor(Instant t, long ticks) => Instant.FromUnixTimeTicks(t.ToUnixTimeTicks() - (((t.ToUnixTimeTicks() % ticks) + ticks) % ticks));

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

    /// <summary>The column a question that names it finds in few row groups of a filled table (the first of <see cref="Order"/>).</summary>
    public string SortedBy => Order.Split(',')[0].Trim();

    /// <summary>The INSERT of the events matching <paramref name="where"/> rolled up, in <see cref="Order"/> (a fill).</summary>
    public string InsertFromEvents(string where, string events = "events") =>
        $"INSERT INTO {Name} SELECT * FROM ({SelectFromEvents(where, events)}) AS counted({Hour}) ORDER BY {Order}";

    /// <summary>The SELECT that rolls up events (findings aside) matching <paramref name="where"/>, as the table's rows;
    /// <paramref name="events"/>: the events view, or a subquery of its columns and more.</summary>
    public string SelectFromEvents(string where, string events = "events") => $"""
        SELECT date_trunc('{Unit}', "@timestamp"), {string.Join(", ", Keys.Select(k => k.FromEvents))},
               count(*), coalesce(sum(http_response_bytes), 0), min("@timestamp"), max("@timestamp")
        FROM {events} WHERE netwatch_finding IS NULL AND ({where})
        GROUP BY ALL
        """;
}

/// <summary>A key column of a roll-up: its name (an events column's, or <c>kind</c>), type and value over the events table.</summary>
internal sealed record RollupColumn(string Name, string Type, string FromEvents)
{
    public static RollupColumn Same(string name, string type) => new(name, type, name);
}

/// <summary>How long a roll-up's period is.</summary>
internal enum RollupGrain { Hour, Day }
