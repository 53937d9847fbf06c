using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds values to a small roll-up side table (<see cref="RollupSpellings"/>, <see cref="RollupHosts"/>) that does not
/// hold them yet, in the caller's transaction: the values go through a temporary table, then one insert of those not stored.
/// </summary>
internal static class SideTableValues
{
    /// <param name="table">The side table, whose first column is <c>value</c>.</param>
    /// <param name="columns">What is inserted for each new value <c>n.value</c>, in the table's column order.</param>
    public static void AddNew(DuckDBConnection connection, string table, string columns, IReadOnlyCollection<string> values)
    {
        if (values.Count == 0) return;
        var staging = table + "_new";
        connection.Execute($"CREATE TEMP TABLE IF NOT EXISTS {staging} (value VARCHAR)");
        connection.Execute($"DELETE FROM temp.{staging}");
        using (var appender = connection.CreateAppender("temp", "main", staging))
            foreach (var value in values) appender.CreateRow().AppendValue(value).EndRow();
        connection.Execute($"""
            INSERT INTO {table} SELECT DISTINCT {columns} FROM temp.{staging} n
            WHERE NOT EXISTS (SELECT 1 FROM {table} s WHERE s.value = n.value)
            """);
    }
}
