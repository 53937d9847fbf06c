using DuckDB.NET.Data;
using NetWatch.Core.Events;

namespace NetWatch.Storage.Events;

/// <summary>Events into the events table (or a table of its columns) through a table function of the connection's (<see cref="RowsInsert{TRow}"/>).</summary>
internal static class EventRowsInsert
{
    /// <summary>Registers this connection's event-rows function, with the events table's column types.</summary>
    public static RowsInsert<NetEvent> Register(DuckDBConnection connection) =>
        RowsInsert<NetEvent>.Register(connection, "events", "event", EventRowWriter.Append);
}
