using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.DeadLetters;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage.Search;

/// <summary>Search over the events table (and visits, dead letters), each call on its own connection.</summary>
/// <param name="readRollups">False: never guided or counted by the roll-ups (the contract tests' second store).</param>
internal sealed class DuckDbEventSearch(Func<DuckDBConnection> connect, bool readRollups = true) : IEventSearch
{
    public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        using var connection = connect();
        var limit = pageSize + 1;
        var events = readRollups && query.Findings != true && PersonHours.Read(connection, query, Start(query, after)) is { } hours
            ? PersonPage(connection, query, after, limit, hours, cancellationToken)
            : Read(connection, query, after, limit, null, cancellationToken);
        if (events.Count <= pageSize) return Task.FromResult(new EventPage(events, null));
        events.RemoveAt(pageSize);
        return Task.FromResult(new EventPage(events, EventCursor.After(events[^1])));
    }

    private static Instant? Start(EventQuery query, EventCursor? after) =>
        after is null ? query.From : query.From is { } f && f > after.Timestamp ? f : after.Timestamp;

    /// <summary>
    /// A person's page: their observed events read only over the hours the roll-up counts for them, a stretch of
    /// hours at a time, each enough for the rest of the page (the first is usually the last), with their name compared
    /// exactly; then their findings (not rolled up) over the same stretch, and the two merged in search order.
    /// </summary>
    private static List<NetEvent> PersonPage(DuckDBConnection connection, EventQuery query, EventCursor? after, int limit,
        PersonHours hours, CancellationToken cancellationToken)
    {
        var observed = new List<NetEvent>();
        var from = query.From;
        Instant? end = null;
        for (var next = 0; observed.Count < limit && next < hours.Hours.Count;)
        {
            (end, next) = hours.EndFor(next, limit - observed.Count);
            var stretch = query with { From = from, To = end ?? query.To, Findings = false };
            observed.AddRange(Read(connection, stretch, after, limit - observed.Count, hours.Spellings, cancellationToken));
            from = end;
        }
        if (query.Findings == false) return observed;
        // A full page ends within the last stretch: findings after it would not be on this page.
        var findings = Read(connection, query with { To = observed.Count >= limit ? end ?? query.To : query.To, Findings = true },
            after, limit, null, cancellationToken);
        if (findings.Count == 0) return observed;
        return [.. observed.Concat(findings).OrderBy(e => e.Timestamp).ThenBy(e => e.Origin.Source, StringComparer.Ordinal)
            .ThenBy(e => e.Origin.LineNumber).Take(limit)];
    }

    private static List<NetEvent> Read(DuckDBConnection connection, EventQuery query, EventCursor? after, int limit,
        IReadOnlyList<string>? people, CancellationToken cancellationToken)
    {
        var events = new List<NetEvent>(Math.Min(limit, 10_000));
        using var command = connection.CreateCommand();
        var where = EventQuerySql.Where(query, command, people: people);
        if (after is not null) where += " AND " + EventQuerySql.After(after, command);
        command.CommandText = $"SELECT * FROM events WHERE {where} {EventQuerySql.Order} LIMIT {limit}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            events.Add(EventRowReader.Read(reader));
        }
        return events;
    }

    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken)
    {
        using var connection = connect();
        if (!readRollups || RollupChoice.For(query, Contracts.Aggregates.AggregateDimension.None, []) is not { } rollup)
            return Task.FromResult(Count(connection, "count(*)", "events", query, "\"@timestamp\"", EventKinds.Sql));
        // From the roll-up, and the findings (not rolled up) from the events when the query counts them.
        var count = Count(connection, "coalesce(sum(requests), 0)::BIGINT", rollup.Name, query with { Findings = null }, RollupTable.Hour, RollupTables.Kind);
        if (query.Findings is null) count += Count(connection, "count(*)", "events", query with { Findings = true }, "\"@timestamp\"", EventKinds.Sql);
        return Task.FromResult(count);
    }

    private static long Count(DuckDBConnection connection, string count, string table, EventQuery query, string time, string kind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {count} FROM {table} WHERE {EventQuerySql.Where(query, command, time, kind)}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public async IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM events WHERE {EventQuerySql.Where(query, command)} {EventQuerySql.Order}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return EventRowReader.Read(reader);
        }
        await Task.CompletedTask;
    }

    public Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM events WHERE id = $id";
        command.Parameters.Add(new DuckDBParameter("id", id.ToGuid()));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? EventRowReader.Read(reader) : null);
    }

    public Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken)
    {
        using var connection = connect();
        return Task.FromResult<IReadOnlyList<Visit>>(VisitTable.Read(connection, from, to, person, school));
    }

    public async IAsyncEnumerable<DeadLetter> DeadLettersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = connect();
        foreach (var d in DeadLetterTable.Read(connection))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return d;
        }
        await Task.CompletedTask;
    }
}
