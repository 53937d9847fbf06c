using DuckDB.NET.Data;

namespace NetWatch.Storage.Alerts;

/// <summary>Deletes alerts last seen before an instant, with their triage and outbox rows: referred ones or all the others.</summary>
internal static class AlertRetention
{
    public static long Delete(DuckDBConnection connection, DateTime before, bool referred)
    {
        var outcome = referred ? "t.outcome = 'referred'" : "t.outcome IS DISTINCT FROM 'referred'";
        using var transaction = connection.BeginTransaction();
        using (var gone = connection.CreateCommand())
        {
            gone.CommandText = $"CREATE TEMP TABLE alerts_going AS SELECT a.id FROM alerts a LEFT JOIN alert_triage t ON t.id = a.id WHERE a.last_seen < $before AND {outcome}";
            gone.Parameters.Add(new DuckDBParameter("before", before));
            gone.ExecuteNonQuery();
        }
        long deleted = 0;
        foreach (var table in new[] { "alert_deliveries", "alert_notifications" })
            connection.Execute($"DELETE FROM {table} WHERE alert_id IN (SELECT id FROM alerts_going)");
        connection.Execute("DELETE FROM alert_triage WHERE id IN (SELECT id FROM alerts_going)");
        using (var alerts = connection.CreateCommand())
        {
            alerts.CommandText = "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts_going)";
            deleted = alerts.ExecuteNonQuery();
        }
        connection.Execute("DROP TABLE alerts_going");
        transaction.Commit();
        return deleted;
    }
}
