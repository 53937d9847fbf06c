using DuckDB.NET.Data;
using NetWatch.Storage.Native;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// DuckDB's jemalloc answers the NETWATCH_NATIVE_SAMPLES diagnostic (<see cref="DuckDbJemalloc"/>,
/// bench/results/ckpt-2026-12-05-session24.txt) on DuckDB's Linux x64 build, which the service ships on and CI runs.
/// </summary>
public class JemallocTests
{
    [Fact]
    public void Duckdbs_jemalloc_reports_what_a_database_holds()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE t AS SELECT repeat('x', 40) || i AS s FROM range(200000) r(i)";
            command.ExecuteNonQuery();
        }
        Assert.True(DuckDbJemalloc.Available);
        var figures = DuckDbJemalloc.Read();
        Assert.True(figures.Allocated > 4L << 20, $"{figures.Allocated} bytes allocated");
        Assert.True(figures.Active >= figures.Allocated);
    }
}
