using DuckDB.NET.Data;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>The first column of a query's rows on a test's connection (null as the type's default).</summary>
internal static class QueryColumn
{
    public static List<T> Column<T>(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read()) values.Add(reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0));
        return values;
    }
}
