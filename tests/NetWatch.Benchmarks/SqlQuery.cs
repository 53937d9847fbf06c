using DuckDB.NET.Data;

namespace NetWatch.Benchmarks;

/// <summary>
/// One read-only query on a store's file, printed as tab-separated lines with a header (the bench scripts' look into a
/// kept store: bench/restart-after-behind.sh, bench/owed-reads.sh). Read-only: a service may hold the file's writer.
/// </summary>
internal static class SqlQuery
{
    public static void Run(string file, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={file};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Console.WriteLine(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)));
        while (reader.Read())
            Console.WriteLine(string.Join('\t', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
    }
}
