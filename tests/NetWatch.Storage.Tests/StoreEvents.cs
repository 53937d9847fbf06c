using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests;

/// <summary>What the events-table tests do around the store: write events, read them all back, open the file's table.</summary>
internal static class StoreEvents
{
    /// <summary>Writes the events in one committed session; an event the store rejects fails the test.</summary>
    public static void Write(IStore store, params NetEvent[] events)
    {
        using var session = store.Writer.Begin();
        var result = session.WriteEventsAsync(events, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(result.Rejected.Count == 0, string.Join("; ", result.Rejected.Select(r => r.Reason)));
        session.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Every stored event, as search reads it back.</summary>
    public static List<NetEvent> All(IStore store) =>
        store.Search.StreamAsync(EventQuery.All, CancellationToken.None).ToBlockingEnumerable().ToList();

    /// <summary>A connection to the store file in <paramref name="dir"/> (with the store closed: DuckDB allows one writer).</summary>
    public static DuckDBConnection Connect(TempDirectory dir)
    {
        var connection = new DuckDBConnection($"Data Source={dir.File(DuckDbStore.FileName)}");
        connection.Open();
        return connection;
    }
}
