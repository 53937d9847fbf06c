using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NodaTime;

namespace NetWatch.Storage.Retention;

/// <summary>Deletes by age, per kind: events and findings (rows of events with and without a finding) by @timestamp, visits by start, dead letters by receipt.</summary>
internal sealed class DuckDbRetention(Func<DuckDBConnection> connect) : IRetention
{
    public Task<long> DeleteOlderThanAsync(RecordKind kind, Instant before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (kind is RecordKind.Alerts or RecordKind.ReferredAlerts)
        {
            using var alerts = connect();
            return Task.FromResult(Alerts.AlertRetention.Delete(alerts, before.ToDateTimeUtc(), referred: kind == RecordKind.ReferredAlerts));
        }
        var where = kind switch
        {
            RecordKind.Events => $"\"@timestamp\" < $before AND {StoreSchema.FindingColumn} IS NULL",
            RecordKind.Findings => $"\"@timestamp\" < $before AND {StoreSchema.FindingColumn} IS NOT NULL",
            RecordKind.Visits => "\"start\" < $before",
            RecordKind.DeadLetters => "received_at < $before",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a record kind this store keeps"),
        };
        // Events and findings: from both events tables (DuckDB deletes from tables, not through the events view).
        string[] tables = kind switch { RecordKind.Visits => ["visits"], RecordKind.DeadLetters => ["dead_letters"], _ => EventTables.Physical };
        using var connection = connect();
        using var transaction = connection.BeginTransaction();
        long deleted = 0;
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE {where}";
            command.Parameters.Add(new DuckDBParameter("before", before.ToDateTimeUtc()));
            deleted += command.ExecuteNonQuery();
        }
        // The roll-ups count events (findings aside): they lose the same, in the same transaction.
        if (kind == RecordKind.Events && deleted > 0) RollupBackfill.Forget(connection, before);
        transaction.Commit();
        return Task.FromResult(deleted);
    }
}
