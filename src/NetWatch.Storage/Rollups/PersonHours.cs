using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Search;
using NodaTime;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// The hours in which the people roll-up counts a person's events (findings aside), and the spellings of the name
/// stored for them: what a person's page reads instead of the whole range. The roll-up holds every stored event but
/// findings, so outside these hours the person has no event but findings, and within them each of their events
/// has one of these spellings (the search then compares the name exactly, not lower-cased row by row).
/// </summary>
internal sealed record PersonHours(IReadOnlyList<string> Spellings, IReadOnlyList<(Instant Hour, long Requests)> Hours)
{
    /// <summary>
    /// The person's hours from the hour of <paramref name="start"/> to the query's end, oldest first, counted with the
    /// query's filters that the roll-up has (the others are left out: the counts are then an upper bound). Null when
    /// the query names no person.
    /// </summary>
    public static PersonHours? Read(DuckDBConnection connection, EventQuery query, Instant? start)
    {
        if (query.Person is null) return null;
        var guide = query with
        {
            From = start is { } s ? RollupWriter.HourOf(s) : null,
            // Not columns of the roll-up: left out, so the hours hold at least the events that match them.
            SourceIp = null, UrlContains = null, SearchTermsContain = null, SafeguardingTheme = null, MinSeverity = null,
            Findings = null,
        };
        using var command = connection.CreateCommand();
        var where = EventQuerySql.Where(guide, command, RollupTable.Hour, RollupTables.Kind);
        command.CommandText = $"""
            SELECT {RollupTable.Hour}, sum(requests)::BIGINT, list(DISTINCT user_name)
            FROM {RollupTables.People.Name} WHERE {where} GROUP BY {RollupTable.Hour} ORDER BY {RollupTable.Hour}
            """;
        using var r = command.ExecuteReader();
        var hours = new List<(Instant, long)>();
        var spellings = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
        {
            hours.Add((r.GetInstant(0), r.GetInt64(1)));
            foreach (var name in r.GetFieldValue<List<string>>(2)) spellings.Add(name);
        }
        return new PersonHours([.. spellings.Order(StringComparer.Ordinal)], hours);
    }

    /// <summary>
    /// The end of the first hour from index <paramref name="from"/> by which the hours count <paramref name="wanted"/>
    /// events, and the index after it; (null, Hours.Count) when they never do.
    /// </summary>
    public (Instant? End, int Next) EndFor(int from, long wanted)
    {
        long seen = 0;
        for (var i = from; i < Hours.Count; i++)
        {
            seen += Hours[i].Requests;
            if (seen >= wanted) return (Hours[i].Hour + Duration.FromHours(1), i + 1);
        }
        return (null, Hours.Count);
    }
}
