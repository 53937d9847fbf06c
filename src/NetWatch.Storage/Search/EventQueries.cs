using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.DeadLetters;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.Search;

/// <summary>Queries over the store. Results stream: rows are read as they are enumerated.</summary>
public sealed class EventQueries(DuckDBConnection connection)
{
    /// <summary>Events in @timestamp order, then source order (source, line).</summary>
    public IEnumerable<NetEvent> Events(EventFilter filter) =>
        Select(connection, new EventQuery { From = filter.From, To = filter.To, Person = filter.UserName });

    /// <summary>The events <paramref name="query"/> selects, in (@timestamp, source, line) order, read as enumerated.</summary>
    internal static IEnumerable<NetEvent> Select(DuckDBConnection connection, EventQuery query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM events WHERE {EventQuerySql.Where(query, command)} {EventQuerySql.Order}";
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return EventRowReader.Read(reader);
    }

    /// <summary>The event with this id, or null.</summary>
    public NetEvent? Event(EventId id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM events WHERE id = $id";
        command.Parameters.Add(new DuckDBParameter("id", id.ToGuid()));
        using var reader = command.ExecuteReader();
        return reader.Read() ? EventRowReader.Read(reader) : null;
    }

    public StoreSummary Summary(int top = 10) => StoreSummary.Read(connection, top);

    public long CountEvents()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM events";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Dead letters in source, line order.</summary>
    public IEnumerable<DeadLetter> DeadLetters() => DeadLetterTable.Read(connection);
}
