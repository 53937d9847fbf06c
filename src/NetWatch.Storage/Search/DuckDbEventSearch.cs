using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.DeadLetters;
using NetWatch.Storage.Events;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage.Search;

/// <summary>Search over the events table (and visits, dead letters), each call on its own connection.</summary>
internal sealed class DuckDbEventSearch(Func<DuckDBConnection> connect) : IEventSearch
{
    public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        using var connection = connect();
        using var command = connection.CreateCommand();
        var where = EventQuerySql.Where(query, command);
        if (after is not null) where += " AND " + EventQuerySql.After(after, command);
        command.CommandText = $"SELECT * FROM events WHERE {where} {EventQuerySql.Order} LIMIT {pageSize + 1}";
        var events = new List<NetEvent>(Math.Min(pageSize + 1, 10_000));
        using (var reader = command.ExecuteReader())
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                events.Add(EventRowReader.Read(reader));
            }
        if (events.Count <= pageSize) return Task.FromResult(new EventPage(events, null));
        events.RemoveAt(pageSize);
        return Task.FromResult(new EventPage(events, EventCursor.After(events[^1])));
    }

    public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM events WHERE {EventQuerySql.Where(query, command)}";
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar()));
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
