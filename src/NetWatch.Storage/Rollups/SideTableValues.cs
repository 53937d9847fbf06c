using DuckDB.NET.Data;

namespace NetWatch.Storage.Rollups;

/// <summary>
/// Adds values to a small roll-up side table (<see cref="RollupSpellings"/>, <see cref="RollupHosts"/>), in the caller's
/// transaction: one INSERT of the values as parameters. The caller knows they are not stored (<see cref="KnownValues"/>,
/// loaded from the table): the INSERT's earlier anti-join against the table (WHERE NOT EXISTS) cost ~5 ms of CPU a
/// statement more than the plain INSERT, growing with the table, and a live session ran two
/// (bench/results/small-2026-12-05-session26.txt). Was before that a temporary table's create, emptying, appender and
/// insert: four statements a side table (0.7-1.2 s of a 1M-line backlog's 38 sessions, session 22).
/// </summary>
internal static class SideTableValues
{
    /// <summary>Values an INSERT takes at most (a new process's first batch brings thousands: they go in several).</summary>
    private const int PerStatement = 500;

    /// <summary>Every value the table holds.</summary>
    public static IEnumerable<string> All(DuckDBConnection connection, string table) => Returned(connection, $"SELECT value FROM {table}");

    /// <summary>The values a statement's rows hold (a SELECT of them, an INSERT ... RETURNING value).</summary>
    public static IReadOnlyList<string> Returned(DuckDBConnection connection, string statement)
    {
        using var command = connection.CreateCommand();
        command.CommandText = statement;
        using var r = command.ExecuteReader();
        var values = new List<string>();
        while (r.Read()) values.Add(r.GetString(0));
        return values;
    }

    /// <param name="table">The side table, whose first column is <c>value</c>.</param>
    /// <param name="columns">What is inserted for each value <c>n.value</c>, in the table's column order.</param>
    /// <param name="values">Distinct values, none of them stored.</param>
    public static void Add(DuckDBConnection connection, string table, string columns, IReadOnlyCollection<string> values)
    {
        foreach (var chunk in values.Chunk(PerStatement))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO {table} SELECT {columns} FROM (VALUES {string.Join(", ", chunk.Select((_, i) => $"($v{i})"))}) AS n(value)
                """;
            for (var i = 0; i < chunk.Length; i++) command.Parameters.Add(new DuckDBParameter($"v{i}", chunk[i]));
            command.ExecuteNonQuery();
        }
    }
}
