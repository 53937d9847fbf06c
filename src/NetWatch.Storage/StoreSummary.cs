using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Policy;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>
/// An overview of what a store holds, for the technician's first look and the README's first command. Verdicts,
/// safeguarding themes, top users and sites and personal use by role count page views only; DNS look-ups and
/// firewall sessions are counted apart (<see cref="ByKind"/>, <see cref="LookupsByVerdict"/>), so one visit is
/// not counted twice.
/// </summary>
public sealed record StoreSummary(
    long Events,
    Instant? First,
    Instant? Last,
    IReadOnlyList<(string Name, long Count)> ByKind,
    IReadOnlyList<(string Name, long Count)> LookupsByVerdict,
    IReadOnlyList<(string Role, string Verdict, long Count, double Minutes)> PersonalUseByRole,
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
        const string pageViews = $"({EventKinds.Sql}) = '{EventKinds.PageView}'";
        return new StoreSummary(events, first, last,
            Counts(connection, $"SELECT {EventKinds.Sql}, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, $"SELECT netwatch_policy_verdict, count(*) FROM events WHERE event_action = '{EventActions.DnsQuery}' AND netwatch_policy_verdict IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"),
            PersonalByRole(connection, pageViews),
            Counts(connection, "SELECT event_action, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, "SELECT event_dataset, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
            CountsWithBytes(connection, $"SELECT coalesce(user_name, '(unattributed)'), count(*), coalesce(sum(http_response_bytes), 0)::BIGINT FROM events WHERE {pageViews} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {top}"),
            CountsWithBytes(connection, $"SELECT coalesce(url_registered_domain, url_domain, '(none)'), count(*), coalesce(sum(http_response_bytes), 0)::BIGINT FROM events WHERE {pageViews} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {top}"),
            Counts(connection, "SELECT reason, count(*) FROM dead_letters GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, $"SELECT netwatch_policy_verdict, count(*) FROM events WHERE {pageViews} AND netwatch_policy_verdict IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"),
            Counts(connection, $"SELECT netwatch_safeguarding_theme, count(*) FROM events WHERE {pageViews} AND netwatch_safeguarding_theme IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"));
    }

    /// <summary>
    /// Page views judged personal, per person's role (the last of user.roles: staff, pupil...; the working pattern
    /// comes first) and verdict, with the minutes of the stored visits of that role and verdict.
    /// </summary>
    private static List<(string, string, long, double)> PersonalByRole(DuckDBConnection connection, string pageViews)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH views AS (
                SELECT coalesce(user_roles[len(user_roles)], '(unattributed)') AS role, netwatch_policy_verdict AS verdict, count(*) AS n
                FROM events WHERE {pageViews} AND netwatch_policy_verdict IN ('{Verdicts.PersonalBreak}', '{Verdicts.PersonalWorkingHours}')
                GROUP BY 1, 2),
            people AS (
                SELECT DISTINCT user_name, coalesce(user_roles[len(user_roles)], '(unattributed)') AS role FROM events WHERE user_name IS NOT NULL),
            minutes AS (
                SELECT coalesce(p.role, '(unattributed)') AS role, v.verdict, sum(v.duration_seconds) / 60 AS m
                FROM visits v LEFT JOIN people p ON p.user_name = v.person
                WHERE v.verdict IN ('{Verdicts.PersonalBreak}', '{Verdicts.PersonalWorkingHours}') GROUP BY 1, 2)
            SELECT views.role, views.verdict, views.n, coalesce(minutes.m, 0)::DOUBLE
            FROM views LEFT JOIN minutes ON minutes.role = views.role AND minutes.verdict = views.verdict
            ORDER BY 1, 2
            """;
        using var r = command.ExecuteReader();
        var rows = new List<(string, string, long, double)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetDouble(3)));
        return rows;
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
