using DuckDB.NET.Data;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>An overview of what a store holds, for the technician's first look and the README's first command.</summary>
public sealed record StoreSummary(
    long Events,
    Instant? First,
    Instant? Last,
    IReadOnlyList<(string Name, long Count)> ByAction,
    IReadOnlyList<(string Name, long Count)> ByProduct,
    IReadOnlyList<(string Name, long Count, long Bytes)> TopUsers,
    IReadOnlyList<(string Name, long Count, long Bytes)> TopDomains,
    IReadOnlyList<(string Name, long Count)> DeadLettersByReason,
    IReadOnlyList<(string Name, long Count)> ByVerdict,
    IReadOnlyList<(string Name, long Count)> BySafeguardingTheme)
{
    public static StoreSummary Read(DuckDBConnection connection, int top = 10)
    {
        long events = 0;
        Instant? first = null, last = null;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*), min(\"@timestamp\"), max(\"@timestamp\") FROM events";
            using var r = command.ExecuteReader();
            r.Read();
            events = r.GetInt64(0);
            first = r.GetInstantOrNull(1);
            last = r.GetInstantOrNull(2);
        }
        return new StoreSummary(events, first, last,
            Counts(connection, "SELECT event_action, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, "SELECT event_dataset, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
            CountsWithBytes(connection, $"SELECT coalesce(user_name, '(unattributed)'), count(*), coalesce(sum(http_response_bytes), 0)::BIGINT FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {top}"),
            CountsWithBytes(connection, $"SELECT coalesce(url_registered_domain, url_domain, '(none)'), count(*), coalesce(sum(http_response_bytes), 0)::BIGINT FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {top}"),
            Counts(connection, "SELECT reason, count(*) FROM dead_letters GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, "SELECT netwatch_policy_verdict, count(*) FROM events WHERE netwatch_policy_verdict IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, "SELECT netwatch_safeguarding_theme, count(*) FROM events WHERE netwatch_safeguarding_theme IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"));
    }

    private static List<(string, long)> Counts(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<(string, long)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetInt64(1)));
        return rows;
    }

    private static List<(string, long, long)> CountsWithBytes(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var r = command.ExecuteReader();
        var rows = new List<(string, long, long)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        return rows;
    }
}
