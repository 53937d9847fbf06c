using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NodaTime;

namespace NetWatch.Storage;

/// <summary>Queries over the store. Results stream: rows are read as they are enumerated.</summary>
public sealed class EventQueries(DuckDBConnection connection)
{
    /// <summary>Events in @timestamp order, then source order (source, line).</summary>
    public IEnumerable<NetEvent> Events(EventFilter filter)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (filter.From is { } from)
        {
            where.Add("\"@timestamp\" >= $from");
            command.Parameters.Add(new DuckDBParameter("from", from.ToDateTimeUtc()));
        }
        if (filter.To is { } to)
        {
            where.Add("\"@timestamp\" < $to");
            command.Parameters.Add(new DuckDBParameter("to", to.ToDateTimeUtc()));
        }
        if (filter.UserName is { } user)
        {
            where.Add("lower(user_name) = lower($user)");
            command.Parameters.Add(new DuckDBParameter("user", user));
        }
        command.CommandText = "SELECT * FROM events"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY \"@timestamp\", origin_source, origin_line";
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
    public IEnumerable<DeadLetter> DeadLetters()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, line, raw, reason, detail, received_at FROM dead_letters ORDER BY source, line";
        using var r = command.ExecuteReader();
        while (r.Read())
            yield return new DeadLetter(r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4),
                r.GetInstant(5));
    }
}

