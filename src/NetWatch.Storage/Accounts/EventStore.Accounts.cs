using DuckDB.NET.Data;
using NetWatch.Storage.Accounts;
using NetWatch.Storage.Contracts.Accounts;

// EventStore is partial: its accounts live beside the rest of the account code.
namespace NetWatch.Storage;

public sealed partial class EventStore
{
    /// <summary>The API's accounts, in this store's file (each call on its own connection to the open database).</summary>
    public IAccountStore Accounts => new DuckDbAccountStore(() =>
    {
        var connection = new DuckDBConnection($"Data Source={Path.Combine(Directory, FileName)}");
        connection.Open();
        return connection;
    });
}
