using DuckDB.NET.Data;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Cli.Tests;

/// <summary>A store written by a newer NetWatch is refused by every verb that opens it, with why, and left unchanged.</summary>
public sealed class NewerStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private static readonly string Log = RepoFiles.Path("samples", "logs", "squid-native.log");

    [Theory]
    [InlineData("import")]
    [InlineData("summary")]
    public void A_store_of_a_newer_build_is_refused_with_its_version_and_keeps_its_events(string verb)
    {
        var store = _dir.File("store");
        var imported = Netwatch.Run("import", "--store", store, Log);
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var events = Count(store);
        SetVersion(store, StoreSchema.Version + 1);

        var r = verb == "import" ? Netwatch.Run("import", "--store", store, Log) : Netwatch.Run("summary", "--store", store);

        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.Contains($"written by a newer NetWatch (store schema version {StoreSchema.Version + 1}", r.Stderr);
        Assert.Equal(events, Count(store));
    }

    private static void SetVersion(string store, int version) =>
        Scalar(store, $"UPDATE store_info SET value = '{version}' WHERE key = 'schema_version'");

    private static long Count(string store) => Convert.ToInt64(Scalar(store, "SELECT count(*) FROM events"));

    private static object? Scalar(string store, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(store, "netwatch.duckdb")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose() => _dir.Dispose();
}
