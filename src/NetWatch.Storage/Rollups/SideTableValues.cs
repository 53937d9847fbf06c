using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds values to a small roll-up side table (<see cref="RollupSpellings"/>, <see cref="RollupHosts"/>) that does not
/// hold them yet, in the caller's transaction: one INSERT of the values as parameters, of those not stored. Was a temporary
/// table's create, emptying, appender and insert: four statements a side table for the few values a live batch brings
/// (each a few milliseconds of the store thread: 0.7-1.2 s of a 1M-line backlog's 38 sessions, session 22).
/// </summary>
internal static class SideTableValues
{
    /// <summary>Values an INSERT takes at most (a new process's first batch brings thousands: they go in several).</summary>
    private const int PerStatement = 500;

    /// <param name="table">The side table, whose first column is <c>value</c>.</param>
    /// <param name="columns">What is inserted for each new value <c>n.value</c>, in the table's column order.</param>
    public static void AddNew(DuckDBConnection connection, string table, string columns, IReadOnlyCollection<string> values)
    {
        foreach (var chunk in values.Chunk(PerStatement))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO {table} SELECT DISTINCT {columns} FROM (VALUES {string.Join(", ", chunk.Select((_, i) => $"($v{i})"))}) AS n(value)
                WHERE NOT EXISTS (SELECT 1 FROM {table} s WHERE s.value = n.value)
                """;
            for (var i = 0; i < chunk.Length; i++) command.Parameters.Add(new DuckDBParameter($"v{i}", chunk[i]));
            command.ExecuteNonQuery();
        }
    }
}
