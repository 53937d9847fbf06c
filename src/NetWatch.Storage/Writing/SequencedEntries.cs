using DuckDB.NET.Data;
using NetWatch.Storage.Alerts;

namespace NetWatch.Storage.Writing;

/// <summary>
/// The entries of a file kept beside the store (the alerts' fast lane, the side file) are numbered; once the main
/// file has taken them up to a number, that file forgets them, every table in one transaction.
/// </summary>
internal static class SequencedEntries
{
    /// <summary>Runs each DELETE statement (with <c>$seq</c> for the number) in one transaction.</summary>
    public static void DeleteThrough(DuckDBConnection connection, long sequence, params ReadOnlySpan<string> deletes)
    {
        using var transaction = connection.BeginTransaction();
        foreach (var sql in deletes)
        {
            using var delete = connection.CreateCommand();
            delete.CommandText = sql;
            delete.Add("seq", sequence);
            delete.ExecuteNonQuery();
        }
        transaction.Commit();
    }
}
