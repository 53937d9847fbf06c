using DuckDB.NET.Data;
using NetWatch.Storage.Events;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

/// <summary>
/// A store written by a newer NetWatch is refused at open, before anything in it changes; an older store is opened and
/// recorded as this build's version.
/// </summary>
public sealed class StoreVersionCheckTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_new_store_records_this_builds_version()
    {
        using (DuckDbStore.Open(_dir.Path)) { }

        Assert.Equal(StoreSchema.Version.ToString(), Value("schema_version"));
    }

    [Fact]
    public void A_store_of_a_newer_build_is_refused_and_left_as_it_was()
    {
        WriteStoreInfo(StoreSchema.Version + 1);

        var refused = Assert.Throws<NewerStoreException>(() => DuckDbStore.Open(_dir.Path));

        Assert.Equal(StoreSchema.Version + 1, refused.StoredVersion);
        Assert.Contains(_dir.Path, refused.Message);
        Assert.Contains($"store schema version {StoreSchema.Version + 1}", refused.Message);
        Assert.Contains($"knows up to {StoreSchema.Version}", refused.Message);
        Assert.Equal((StoreSchema.Version + 1).ToString(), Value("schema_version"));
        Assert.Equal(["store_info"], Tables());
    }

    [Fact]
    public void A_store_of_an_older_version_opens_and_is_recorded_as_this_builds()
    {
        WriteStoreInfo(1);

        using (DuckDbStore.Open(_dir.Path)) { }

        Assert.Equal(StoreSchema.Version.ToString(), Value("schema_version"));
        Assert.Contains(EventTables.Narrow, Tables());
        Assert.Contains(EventTables.Wide, Tables());
    }

    private void WriteStoreInfo(int version)
    {
        Directory.CreateDirectory(_dir.Path);
        using var connection = StoreEvents.Connect(_dir);
        Execute(connection, "CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)");
        Execute(connection, $"INSERT INTO store_info VALUES ('schema_version', '{version}')");
    }

    private string? Value(string key)
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM store_info WHERE key = '{key}'";
        return command.ExecuteScalar() as string;
    }

    private List<string> Tables()
    {
        using var connection = StoreEvents.Connect(_dir);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT table_name FROM duckdb_tables() ORDER BY table_name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read()) tables.Add(reader.GetString(0));
        return tables;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dir.Dispose();
}
