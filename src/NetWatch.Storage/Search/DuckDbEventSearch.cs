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
        var events = new List<NetEvent>(Math.Min(pageSize + 1, 10_000));
        // A person's page: their hours in the roll-up say how far into the range the page reaches, so the first read
        // scans those hours only; the rest of the range is read only when it did not fill the page.
        if (readRollups && PersonHours.PageEnd(connection, query, after, pageSize + 1) is { } end)
        {
            Read(connection, query with { To = end }, after, pageSize + 1, events, cancellationToken);
            if (events.Count <= pageSize)
                Read(connection, query with { From = end }, after, pageSize + 1 - events.Count, events, cancellationToken);
        }
        else Read(connection, query, after, pageSize + 1, events, cancellationToken);
        if (events.Count <= pageSize) return Task.FromResult(new EventPage(events, null));
        events.RemoveAt(pageSize);
        return Task.FromResult(new EventPage(events, EventCursor.After(events[^1])));
    }

    private static void Read(DuckDBConnection connection, EventQuery query, EventCursor? after, int limit, List<NetEvent> events,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = EventQuerySql.Where(query, command);
        if (after is not null) where += " AND " + EventQuerySql.After(after, command);
        command.CommandText = $"SELECT * FROM events WHERE {where} {EventQuerySql.Order} LIMIT {limit}";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            events.Add(EventRowReader.Read(reader));
        }
    }

    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken)
    {
        using var connection = connect();
        // One snapshot: the owed hours looked at, the roll-up's parts and the findings counted all see the same store.
        using var snapshot = connection.BeginTransaction();
        var count = CountIn(connection, query);
        snapshot.Commit();
        return Task.FromResult(count);
    }

    private long CountIn(DuckDBConnection connection, EventQuery query)
    {
        // From the events when no roll-up answers, or the one that would still owes some of the query's (school, hour)s.
        if (!readRollups || new OwedRollups(connection).Unless(RollupChoice.For(query, Contracts.Aggregates.AggregateDimension.None, []), query) is not { } rollup)
            return Count(connection, "count(*)", "events", query, "\"@timestamp\"", EventKinds.Sql);
        // From the roll-up, and the findings (not rolled up) from the events when the query counts them.
        var spellings = RollupFilter.Resolve(connection, query);
        var count = spellings.Parts.Sum(part => Count(connection, "coalesce(sum(requests), 0)::BIGINT", rollup.Name, query with { Findings = null },
            RollupTable.Hour, RollupTables.Kind, spellings, part));
        if (query.Findings is null) count += Count(connection, "count(*)", "events", query with { Findings = true }, "\"@timestamp\"", EventKinds.Sql);
        return count;
    }

    private static long Count(DuckDBConnection connection, string count, string table, EventQuery query, string time, string kind,
        RollupFilter? spellings = null, DomainPart part = DomainPart.Any)
    {
        using var command = connection.CreateCommand();
        var where = EventQuerySql.Where(query, command, time, kind, spellings, part);
        command.CommandText = $"SELECT {count} FROM {(table == "events" ? EventQuerySql.Table(query) : table)} WHERE {where}";
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
