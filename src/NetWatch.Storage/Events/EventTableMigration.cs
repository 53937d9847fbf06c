using DuckDB.NET.Data;
using NetWatch.Core.Ecs;

namespace NetWatch.Storage.Events;

/// <summary>
/// Brings a store's events table up to <see cref="EcsFieldCatalog"/>: a store created before a field was added gains
/// its column (ALTER TABLE appends it, so the table keeps the catalogue's order), and the order is then checked,
/// because EventRowWriter and EventRowReader go by position. Run after <see cref="StoreSchema.Statements"/>.
/// </summary>
internal static class EventTableMigration
{
    public static void Apply(DuckDBConnection connection, string table = "events")
    {
        var found = Columns(connection, table);
        foreach (var field in EcsFieldCatalog.Stored.Where(f => !found.Contains(f.Column!)))
        {
            if (field.Required)
                throw new InvalidOperationException(
                    $"the store's {table} table has no column {field.Column}, and a required field cannot be added to a store that has events");
            using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE {table} ADD COLUMN {StoreSchema.Quote(field.Column!)} {StoreSchema.ColumnType(field.Type)}";
            alter.ExecuteNonQuery();
        }
        var expected = EcsFieldCatalog.Stored.Select(f => f.Column!).ToList();
        var actual = found.Count == expected.Count ? found : Columns(connection, table);
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException(
                $"the store's {table} table does not have the columns of EcsFieldCatalog in its order: expected "
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
