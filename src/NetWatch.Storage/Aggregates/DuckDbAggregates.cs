using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Rollups;
using NetWatch.Storage.Search;
using NodaTime;

namespace NetWatch.Storage.Aggregates;

/// <summary>
/// Aggregates grouped in DuckDB: events (filtered by <see cref="EventQuerySql"/>) and stored visits joined to the
/// query's time buckets (UTC ranges cut by <see cref="TimeBuckets"/>, in a temp table) and grouped by bucket and
/// dimension. All the queries of one call are answered on one connection, in one transaction: one snapshot of the
/// store, so that the roll-ups read and the hours they still owe (<see cref="OwedRollups"/>) agree.
/// </summary>
/// <param name="readRollups">False: every count from the events (the contract tests' second store, held to the same answers).</param>
internal sealed class DuckDbAggregates(Func<DuckDBConnection> connect, bool readRollups = true) : IAggregates
{
    private const string None = AggregateRow.NoValue;

    public Task<IReadOnlyList<AggregateResult>> AggregateAsync(IReadOnlyList<AggregateQuery> queries, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var snapshot = connection.BeginTransaction();
        var results = new List<AggregateResult>(queries.Count);
        var owed = new OwedRollups(connection);
        var onlySchool = new Dictionary<string, bool>(StringComparer.Ordinal); // asked once per call, not per query
        foreach (var query in queries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(new AggregateResult(query.Name, Aggregate(connection, query, readRollups, owed, onlySchool)));
        }
        snapshot.Commit();
        return Task.FromResult<IReadOnlyList<AggregateResult>>(results);
    }

    private static List<AggregateRow> Aggregate(DuckDBConnection connection, AggregateQuery q, bool readRollups, OwedRollups owed,
        Dictionary<string, bool> onlySchool)
    {
        var bucketed = q.Bucket != TimeBucket.None;
        var buckets = bucketed ? LoadBuckets(connection, q) : [];
        if (bucketed && buckets.Count == 0) return [];

        // Buckets cut on whole UTC hours (a local day or week of Europe/London is): rows are counted per hour first.
        var hourly = bucketed && buckets.All(b => RollupChoice.OnHour(b.Start) && RollupChoice.OnHour(b.End));
        var groups = new Dictionary<(DateTime? Bucket, string? Key), AggregateRow>();
        // A roll-up answers unless it still owes some of the question's (school, hour)s: then the events do.
        if (readRollups && owed.Unless(RollupChoice.For(q.Filter, q.By, buckets.SelectMany(b => new[] { b.Start, b.End })), q.Filter) is { } rollup)
        {
            // The roll-up holds every event but findings: those the question counts too are added from the events.
            AddEvents(connection, groups, q, bucketed, hourly, q.Filter with { Findings = null }, rollup);
            if (q.Filter.Findings is null) AddEvents(connection, groups, q, bucketed, hourly, q.Filter with { Findings = true }, null);
        }
        else AddEvents(connection, groups, q, bucketed, hourly, q.Filter, null);

        if (q.VisitMinutes && VisitKey(q.By) is { } visitKey)
            using (var command = connection.CreateCommand())
            {
                if (VisitWhere(connection, q.Filter, command, readRollups, owed, onlySchool) is { } where)
                {
                    command.CommandText = Grouped(bucketed, hourly, "\"start\"", visitKey, "duration_seconds", "DOUBLE", $"{Visits(q.By, q.Filter.From is not null)} WHERE {where}");
                    using var r = command.ExecuteReader();
                    while (r.Read())
                    {
                        var key = (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), Str(r, 2));
                        var minutes = r.GetDouble(4) / 60;
                        groups[key] = groups.TryGetValue(key, out var g)
                            ? g with { VisitMinutes = minutes }
                            : new AggregateRow(r.IsDBNull(0) ? null : r.GetInstant(0), Str(r, 1), Str(r, 2), 0, 0, minutes);
                    }
                }
            }

        var rows = groups.Values.ToList();
        if (q.Top is { } top)
        {
            var kept = rows.GroupBy(r => r.Key).Select(g => (g.Key, Requests: g.Sum(r => r.Requests)))
                .OrderByDescending(k => k.Requests).ThenBy(k => k.Key, StringComparer.Ordinal)
                .Take(top).Select(k => k.Key).ToHashSet();
            rows = rows.Where(r => kept.Contains(r.Key)).ToList();
        }
        return rows.OrderBy(r => r.BucketStart ?? Instant.MinValue).ThenByDescending(r => r.Requests)
            .ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Adds the counts of the events <paramref name="filter"/> selects to <paramref name="groups"/>: from the events
    /// table, or from <paramref name="rollup"/> (its rows summed) when one answers.
    /// </summary>
    private static void AddEvents(DuckDBConnection connection, Dictionary<(DateTime? Bucket, string? Key), AggregateRow> groups,
        AggregateQuery q, bool bucketed, bool hourly, EventQuery filter, RollupTable? rollup)
    {
        if (rollup is null)
        {
            using var command = connection.CreateCommand();
            var where = EventQuerySql.Where(filter, command);
            command.CommandText = Grouped(bucketed, hourly, "\"@timestamp\"", EventKey(q.By, EventKinds.Sql), "http_response_bytes", "BIGINT",
                $"{EventQuerySql.Table(filter)} WHERE {where}");
            Add(groups, command);
            return;
        }
        // The person and site by their stored spellings; a site's parts are disjoint, so their rows add up.
        var spellings = RollupFilter.Resolve(connection, filter);
        foreach (var part in spellings.Parts)
        {
            using var command = connection.CreateCommand();
            command.CommandText = RolledUp(bucketed, EventKey(q.By, RollupTables.Kind),
                $"{rollup.Name} WHERE {EventQuerySql.Where(filter, command, RollupTable.Hour, RollupTables.Kind, spellings, part)}");
            Add(groups, command);
        }
    }

    /// <summary>Adds the rows <paramref name="command"/> returns (bucket, label, key, requests, bytes, first, last) to <paramref name="groups"/>.</summary>
    private static void Add(Dictionary<(DateTime? Bucket, string? Key), AggregateRow> groups, DuckDBCommand command)
    {
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var key = (r.IsDBNull(0) ? (DateTime?)null : r.GetDateTime(0), Str(r, 2));
            var row = new AggregateRow(r.IsDBNull(0) ? null : r.GetInstant(0), Str(r, 1), Str(r, 2), r.GetInt64(3), r.GetInt64(4), 0)
                { First = r.GetInstant(5), Last = r.GetInstant(6) };
            groups[key] = groups.TryGetValue(key, out var g)
                ? g with
                {
                    Requests = g.Requests + row.Requests, Bytes = g.Bytes + row.Bytes,
                    First = g.First is { } f && f < row.First!.Value ? f : row.First,
                    Last = g.Last is { } l && l > row.Last!.Value ? l : row.Last,
                }
                : row;
        }
    }

    /// <summary>As <see cref="Grouped"/> over a roll-up: its rows' requests, bytes, first and last summed per group.</summary>
    private static string RolledUp(bool bucketed, string key, string from) => $"""
        SELECT {(bucketed ? "b.bucket_start, b.label" : "NULL::TIMESTAMP, NULL::VARCHAR")}, x.key,
               sum(x.requests)::BIGINT, sum(x.bytes)::BIGINT, min(x.first_seen), max(x.last_seen)
        FROM (SELECT {RollupTable.Hour} AS t, {key} AS key, requests, bytes, first_seen, last_seen FROM {from}) x
        {(bucketed ? "JOIN temp.agg_buckets b ON x.t >= b.bucket_start AND x.t < b.bucket_end" : "")}
        GROUP BY ALL
        """;

    /// <summary>
    /// SELECT bucket start, label, key, count, sum, first and last time over <paramref name="from"/> (a table and its WHERE), grouped; the
    /// rows joined to temp.agg_buckets when bucketed (a row outside every bucket counts in none). When every bucket starts
    /// and ends on a whole UTC hour (<paramref name="hourly"/>), the rows are grouped by hour and key before the join: a
    /// range join of a week's ~700,000 visits to 7 buckets cost ~250 ms CPU, of their ~3,000 hour groups ~70 ms in all.
    /// </summary>
    private static string Grouped(bool bucketed, bool hourly, string time, string key, string measure, string type, string from) => (bucketed, hourly) switch
    {
        (true, true) => $"""
          SELECT b.bucket_start, b.label, x.key, sum(x.n)::BIGINT, coalesce(sum(x.measure), 0)::{type}, min(x.first), max(x.last)
          FROM (SELECT date_trunc('hour', t) AS h, key, count(*) AS n, sum(measure) AS measure, min(t) AS first, max(t) AS last
                FROM (SELECT {time} AS t, {key} AS key, {measure} AS measure FROM {from}) GROUP BY ALL) x
          JOIN temp.agg_buckets b ON x.h >= b.bucket_start AND x.h < b.bucket_end
          GROUP BY ALL
          """,
        (true, false) => $"""
          SELECT b.bucket_start, b.label, x.key, count(*), coalesce(sum(x.measure), 0)::{type}, min(x.t), max(x.t)
          FROM (SELECT {time} AS t, {key} AS key, {measure} AS measure FROM {from}) x
          JOIN temp.agg_buckets b ON x.t >= b.bucket_start AND x.t < b.bucket_end
          GROUP BY ALL
          """,
        _ => $"""
          SELECT NULL::TIMESTAMP, NULL::VARCHAR, x.key, count(*), coalesce(sum(x.measure), 0)::{type}, min(x.t), max(x.t)
          FROM (SELECT {time} AS t, {key} AS key, {measure} AS measure FROM {from}) x
          GROUP BY ALL
          """,
    };

    private static string EventKey(AggregateDimension by, string kind) => by switch
    {
        AggregateDimension.None => "NULL::VARCHAR",
        AggregateDimension.Role => $"coalesce(user_roles[1], '{None}')",
        AggregateDimension.Group => $"coalesce(user_group_name, '{None}')",
        AggregateDimension.Category => $"unnest(CASE WHEN len(coalesce(netwatch_categories, [])) = 0 THEN ['{None}'] ELSE netwatch_categories END)",
        AggregateDimension.Verdict => $"coalesce(netwatch_policy_verdict, '{None}')",
        AggregateDimension.RegisteredDomain => $"coalesce(url_registered_domain, url_domain, '{None}')",
        AggregateDimension.Person => $"coalesce(user_name, '{None}')",
        AggregateDimension.Action => "event_action",
        AggregateDimension.SafeguardingTheme => $"coalesce(netwatch_safeguarding_theme, '{None}')",
        AggregateDimension.School => $"coalesce(organization_id, '{None}')",
        AggregateDimension.Dataset => "event_dataset",
        AggregateDimension.PersonRole => $"coalesce(user_roles[len(user_roles)], '{None}')",
        AggregateDimension.Kind => kind,
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, null),
    };

    /// <summary>The visits column for a dimension, or null when visits do not carry it (their minutes count 0).</summary>
    private static string? VisitKey(AggregateDimension by) => by switch
    {
        AggregateDimension.None => "NULL::VARCHAR",
        AggregateDimension.Role => $"coalesce(role, '{None}')",
        AggregateDimension.Category => $"unnest(CASE WHEN len(categories) = 0 THEN ['{None}'] ELSE categories END)",
        AggregateDimension.Verdict => $"coalesce(verdict, '{None}')",
        AggregateDimension.RegisteredDomain => "domain",
        // A visit of nobody known is stored under its source address: its minutes go to the "(none)" row, with the
        // page views they were made of (the name set is joined in by Visits).
        AggregateDimension.Person => $"CASE WHEN known_person IS NULL THEN '{None}' ELSE person END",
        AggregateDimension.PersonRole => $"coalesce(person_role, '{None}')",
        _ => null,
    };

    /// <summary>
    /// Visits, with their person's role (from the events) for <see cref="AggregateDimension.PersonRole"/>, and for
    /// <see cref="AggregateDimension.Person"/> known_person: the name when some event carries it as user.name, null
    /// when the visit's person is a source address. A visit's first event is no earlier than its start, so the
    /// names are looked up from the query's start on ($v_from, when it has one).
    /// </summary>
    private static string Visits(AggregateDimension by, bool hasFrom) => by switch
    {
        AggregateDimension.PersonRole =>
            "visits LEFT JOIN (SELECT DISTINCT user_name, user_roles[len(user_roles)] AS person_role FROM events WHERE user_name IS NOT NULL) people ON people.user_name = visits.person",
        AggregateDimension.Person =>
            $"visits LEFT JOIN (SELECT DISTINCT user_name AS known_person FROM events WHERE user_name IS NOT NULL{(hasFrom ? " AND \"@timestamp\" >= $v_from" : "")}) people ON people.known_person = visits.person",
        _ => "visits",
    };

    /// <summary>
    /// The filter applied to visits (by start, person, domain, verdict, categories, and school: a visit belongs to the
    /// school of its first event), or null when it asks for something visits do not carry (source IP, URL text,
    /// safeguarding, search terms, action, findings only, a kind other than page views):
    /// then no visit matches.
    /// </summary>
    private static string? VisitWhere(DuckDBConnection connection, EventQuery q, DuckDBCommand command, bool readRollups, OwedRollups owed,
        Dictionary<string, bool> onlySchool)
    {
        if (q.SourceIp is not null || q.UrlContains is not null || q.SafeguardingTheme is not null || q.MinSeverity is not null
            || q.SearchTermsContain is not null || q.Action is not null || q.Findings == true
            || q.Kind is not null and not Core.Events.EventKinds.PageView) // visits are made of page views
            return null;
        var where = new List<string> { "true" };
        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            command.Parameters.Add(new DuckDBParameter(name, value));
        }
        if (q.From is { } from) Add("\"start\" >= $v_from", "v_from", from.ToDateTimeUtc());
        if (q.To is { } to) Add("\"start\" < $v_to", "v_to", to.ToDateTimeUtc());
        if (q.Person is { } person) Add("lower(person) = lower($v_person)", "v_person", person);
        if (q.Domain is { } domain) Add("lower(domain) = lower($v_domain)", "v_domain", domain);
        if (q.Verdict is { } verdict) Add("verdict = $v_verdict", "v_verdict", verdict);
        if (q.Categories.Count > 0) Add("list_has_any(categories, $v_categories)", "v_categories", q.Categories.ToList());
        // When every stored page view is the school's (a store of one school), so is every visit: no look-up needed.
        if (q.School is { } school && !(readRollups && (onlySchool.TryGetValue(school, out var only) ? only : onlySchool[school] = OnlySchool(connection, owed, school))))
        {
            // A visit starts at its first event, so the same time range bounds the events looked up (and lets DuckDB
            // skip their row groups): a semi-join over the range, not a probe of the whole events table per visit.
            var range = (q.From is null ? "" : " AND \"@timestamp\" >= $v_from") + (q.To is null ? "" : " AND \"@timestamp\" < $v_to");
            Add($"first_event_id IN (SELECT id FROM events WHERE organization_id = $v_school{range})", "v_school", school);
        }
        return string.Join(" AND ", where);
    }

    /// <summary>True when the roll-up counts no event (findings aside) of another school or of none, and owes none.</summary>
    private static bool OnlySchool(DuckDBConnection connection, OwedRollups owed, string school)
    {
        if (owed.OfAnotherSchool(school)) return false;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {RollupTables.Events.Name} WHERE organization_id IS DISTINCT FROM $school";
        command.Parameters.Add(new DuckDBParameter("school", school));
        return Convert.ToInt64(command.ExecuteScalar()) == 0;
    }

    /// <summary>Fills temp.agg_buckets with the query's buckets over its range (the filter's, else the data's), and returns them.</summary>
    private static List<TimeBucketRange> LoadBuckets(DuckDBConnection connection, AggregateQuery q)
    {
        connection.Execute("CREATE OR REPLACE TEMP TABLE agg_buckets (bucket_start TIMESTAMP, bucket_end TIMESTAMP, label VARCHAR)");
        var from = q.Filter.From;
        var to = q.Filter.To;
        if (q.Bucket != TimeBucket.Term && (from is null || to is null))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT min(t), max(t) FROM (
                    SELECT "@timestamp" AS t FROM events WHERE {EventQuerySql.Where(q.Filter, command)}
                    UNION ALL SELECT "start" FROM visits)
                """;
            using var r = command.ExecuteReader();
            if (!r.Read() || r.IsDBNull(0)) return [];
            from ??= r.GetInstant(0);
            to ??= r.GetInstant(1) + Duration.FromTicks(10);
        }
        var buckets = TimeBuckets.Cut(q.Bucket, q.Zone, q.Terms, from ?? Instant.MinValue, to ?? Instant.MaxValue);
        if (buckets.Count == 0) return buckets;
        using var appender = connection.CreateAppender("temp", "main", "agg_buckets");
        foreach (var b in buckets)
            appender.CreateRow().AppendValue(b.Start.ToDateTimeUtc()).AppendValue(b.End.ToDateTimeUtc()).AppendValue(b.Label).EndRow();
        return buckets;
    }

    private static string? Str(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
