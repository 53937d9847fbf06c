using DuckDB.NET.Data;

namespace NetWatch.Storage;

/// <summary>
/// The store's <c>store_info</c> rows (key, value) that its open keeps: written only when the value changes. A write at
/// every open reaches the WAL, and DuckDB checkpoints a database at its close whenever the WAL holds anything: on a store
/// of 5.4M live events that no-op checkpoint cost 12 s CPU, DuckDB merging under-filled row groups of the events
/// (bench/results/stop2-2026-12-07-session41.txt).
/// </summary>
internal static class StoreInfo
{
    /// <summary>The value stored under <paramref name="key"/>, or null (none, or no store_info table yet).</summary>
    public static string? Get(DuckDBConnection connection, string key)
    {
        if (!connection.TableExists("store_info")) return null;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM store_info WHERE key = $key";
        command.Parameters.Add(new DuckDBParameter("key", key));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> unless it is there already (nothing written then).</summary>
    public static void Keep(DuckDBConnection connection, string key, string value)
    {
        if (Get(connection, key) != value) Set(connection, key, value);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (in the caller's transaction, if any).</summary>
    public static void Set(DuckDBConnection connection, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO store_info VALUES ($key, $value)";
        command.Parameters.Add(new DuckDBParameter("key", key));
        command.Parameters.Add(new DuckDBParameter("value", value));
        command.ExecuteNonQuery();
    }
}
