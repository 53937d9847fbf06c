using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Search;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Where a person's page of events ends, from the hours the people roll-up counts for them: the end of the first hour
/// by which they have <c>limit</c> events from the page's start. Only a guide (the name compared as stored, the
/// query's other filters ignored): the search reads the rest of the range when the guess falls short.
/// Hours still owed (<see cref="RollupPending"/>) need no check here: their rows count fewer events than stored, never
/// more, so the guess only comes later (or not at all) and the first read reads more; the page is the same
/// (OwedRollupsTests holds the pages to the events' while hours are owed).
/// </summary>
internal static class PersonHours
{
    /// <summary>The instant before which the page's <paramref name="limit"/> events should lie, or null when it is not
    /// before the query's end (or the query names no person).</summary>
    public static Instant? PageEnd(DuckDBConnection connection, EventQuery query, EventCursor? after, int limit)
    {
        if (query.Person is not { } person) return null;
        var start = after is null ? query.From : query.From is { } f && f > after.Timestamp ? f : after.Timestamp;
        using var command = connection.CreateCommand();
        var where = "user_name = $person";
        command.Parameters.Add(new DuckDBParameter("person", person));
        if (start is { } s)
        {
            where += $" AND {RollupTable.Hour} >= $start";
            command.Parameters.Add(new DuckDBParameter("start", RollupWriter.HourOf(s).ToDateTimeUtc()));
        }
        if (query.To is { } to)
        {
            where += $" AND {RollupTable.Hour} < $to";
            command.Parameters.Add(new DuckDBParameter("to", to.ToDateTimeUtc()));
        }
        command.CommandText = $"SELECT {RollupTable.Hour}, sum(requests)::BIGINT FROM {RollupTables.People.Name} WHERE {where} GROUP BY ALL ORDER BY 1";
        using var r = command.ExecuteReader();
        long seen = 0;
        while (r.Read())
        {
            seen += Convert.ToInt64(r.GetValue(1));
            if (seen < limit) continue;
            var end = r.GetInstant(0) + Duration.FromHours(1);
            return query.To is { } t && end >= t ? null : end;
        }
        return null;
    }
}
