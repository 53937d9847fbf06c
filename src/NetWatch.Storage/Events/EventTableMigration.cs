using DuckDB.NET.Data;
using NetWatch.Core.Ecs;

namespace NetWatch.Storage.Events;

/// <summary>
/// Brings a table of events up to <see cref="EcsFieldCatalog"/>: a store created before a field was added gains
/// its column (ALTER TABLE appends it, so the table keeps the catalogue's order), and the order is then checked,
/// because EventRowWriter and EventRowReader go by position. Run after <see cref="StoreSchema.Statements"/>.
/// </summary>
internal static class EventTableMigration
{
    /// <summary>
    /// The store's events tables and view (<see cref="EventTables"/>), made or brought up to date. A store of version 2 or
    /// before has one events table, with every column: it becomes the wide table as it is (a rename, no rows rewritten),
    /// beside a new narrow table. The view is made from the catalogue when its statement changed (kept in store_info under
    /// <see cref="ViewKey"/>): not at every open, as that write alone makes the close checkpoint (<see cref="StoreInfo"/>).
    /// </summary>
    public static void Apply(DuckDBConnection connection)
    {
        if (connection.TableExists(EventTables.View))
            connection.Execute($"ALTER TABLE {EventTables.View} RENAME TO {EventTables.Wide}");
        foreach (var table in EventTables.Physical)
        {
            connection.Execute($"CREATE TABLE IF NOT EXISTS {table} ({StoreSchema.ColumnDefinitions(EventTables.Fields(table))})");
            Apply(connection, table, EventTables.Fields(table), EventTables.OwedColumn);
        }
        var view = EventTables.ViewStatement();
        if (connection.ViewExists(EventTables.View) && StoreInfo.Get(connection, ViewKey) == view) return;
        connection.Execute(view);
        StoreInfo.Keep(connection, ViewKey, view);
    }

    /// <summary>store_info's key of the statement the events view was last made with.</summary>
    public const string ViewKey = "events_view";

    /// <summary>A table of all the events' columns (the side file's, the fast lane's) brought up to the catalogue.</summary>
    public static void Apply(DuckDBConnection connection, string table) => Apply(connection, table, EcsFieldCatalog.Stored);

    /// <param name="owed">The column after the catalogue's that the table keeps the write session owing its roll-ups in
    /// (<see cref="EventTables.OwedColumn"/>; a store made before it gains it), or null.</param>
    private static void Apply(DuckDBConnection connection, string table, IReadOnlyList<EcsField> fields, string? owed = null)
    {
        var found = Columns(connection, table);
        // A column ALTER TABLE would put after the owed one goes before it (the writer appends the owed value last): the owed
        // column is dropped and added again last. Sessions a crash left owed are then owed by the hour, as an import's
        // (RollupPending.Recount counts their hours whole at this open).
        if (owed is not null && found.Contains(owed) && fields.Any(f => !found.Contains(f.Column!)))
        {
            if (connection.TableExists(Rollups.RollupPending.Table))
                connection.Execute($"UPDATE {Rollups.RollupPending.Table} SET {Rollups.RollupPending.Session} = NULL");
            connection.Execute($"ALTER TABLE {table} DROP COLUMN {owed}");
            found.Remove(owed);
        }
        foreach (var field in fields.Where(f => !found.Contains(f.Column!)))
        {
            if (field.Required)
                throw new InvalidOperationException(
                    $"the store's {table} table has no column {field.Column}, and a required field cannot be added to a store that has events");
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {StoreSchema.Quote(field.Column!)} {StoreSchema.ColumnType(field.Type)}";
            alter.ExecuteNonQuery();
        }
        if (owed is not null && !found.Contains(owed)) connection.Execute($"ALTER TABLE {table} ADD COLUMN {owed} BIGINT");
        var expected = fields.Select(f => f.Column!).Concat(owed is null ? [] : [owed]).ToList();
        var actual = found.Count == expected.Count ? found : Columns(connection, table);
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException(
                $"the store's {table} table does not have its columns of EcsFieldCatalog in their order: expected "
                + string.Join(",", expected) + "; found " + string.Join(",", actual));
    }

    private static List<string> Columns(DuckDBConnection connection, string table)
    {
        using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT column_name FROM duckdb_columns()
            WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $table
            ORDER BY column_index
            """;
        query.Parameters.Add(new DuckDBParameter("table", table));
        var columns = new List<string>();
        using var reader = query.ExecuteReader();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }
}
