using System.Data.Common;
using DuckDB.NET.Data;
using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NodaTime;

namespace NetWatch.Storage.Alerts;

/// <summary>The outbox in DuckDB: alert_notifications (routed or not) and alert_deliveries (delivered or due when).</summary>
internal sealed class DuckDbAlertOutbox(Func<DuckDBConnection> connect) : IAlertOutbox
{
    public Task<bool> AddNotificationAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        using var connection = connect();
        return Task.FromResult(AlertTable.AddNotificationIfAbsent(connection, notification));
    }

    public Task<IReadOnlyList<AlertNotification>> UnroutedAsync(int limit, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT alert_id, version, reason, severity, raised_at FROM alert_notifications WHERE routed_at IS NULL ORDER BY raised_at, \"key\" LIMIT {limit}";
        using var r = command.ExecuteReader();
        var list = new List<AlertNotification>();
        while (r.Read()) list.Add(new AlertNotification(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetInstant(4)));
        return Task.FromResult<IReadOnlyList<AlertNotification>>(list);
    }

    public Task RouteAsync(AlertNotification notification, IReadOnlyList<Delivery> deliveries, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var transaction = connection.BeginTransaction();
        foreach (var d in deliveries)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO alert_deliveries VALUES ($key, $nkey, $alert, $version, $reason, $channel, $to, $created, 0, $next, NULL, NULL)";
            insert.Add("key", d.Key).Add("nkey", d.NotificationKey).Add("alert", d.AlertId).Add("version", d.Version).Add("reason", d.Reason)
                .Add("channel", d.Channel).Add("to", d.Recipient).Add("created", d.CreatedAt).Add("next", d.NextAttempt);
            insert.ExecuteNonQuery();
        }
        using (var routed = connection.CreateCommand())
        {
            routed.CommandText = "UPDATE alert_notifications SET routed_at = $at WHERE \"key\" = $key";
            routed.Add("at", deliveries.Count > 0 ? deliveries[0].CreatedAt : notification.At).Add("key", notification.Key);
            routed.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Delivery>> DueAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM alert_deliveries WHERE delivered_at IS NULL AND next_attempt <= $now ORDER BY next_attempt, created_at, \"key\" LIMIT {limit}";
        command.Add("now", now);
        return Task.FromResult(ReadAll(command));
    }

    public Task<Instant?> NextDueAsync(CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(next_attempt) FROM alert_deliveries WHERE delivered_at IS NULL";
        using var r = command.ExecuteReader();
        return Task.FromResult(r.Read() ? r.GetInstantOrNull(0) : null);
    }

    public Task MarkDeliveredAsync(string key, Instant at, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alert_deliveries SET delivered_at = $at, attempts = attempts + 1, last_error = NULL WHERE \"key\" = $key AND delivered_at IS NULL";
        command.Add("at", at).Add("key", key);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task MarkFailedAsync(string key, int attempts, Instant nextAttempt, string error, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE alert_deliveries SET attempts = $attempts, next_attempt = $next, last_error = $error WHERE \"key\" = $key AND delivered_at IS NULL";
        command.Add("attempts", attempts).Add("next", nextAttempt).Add("error", error).Add("key", key);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Delivery>> DeliveriesAsync(string alertId, CancellationToken cancellationToken)
    {
        using var connection = connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM alert_deliveries WHERE alert_id = $alert ORDER BY created_at, \"key\"";
        command.Add("alert", alertId);
        return Task.FromResult(ReadAll(command));
    }

    private static IReadOnlyList<Delivery> ReadAll(DbCommand command)
    {
        using var r = command.ExecuteReader();
        var list = new List<Delivery>();
        while (r.Read())
            list.Add(new Delivery
            {
                Key = r.GetString(0), NotificationKey = r.GetString(1), AlertId = r.GetString(2), Version = r.GetInt32(3), Reason = r.GetString(4),
                Channel = r.GetString(5), Recipient = r.GetString(6), CreatedAt = r.GetInstant(7), Attempts = r.GetInt32(8),
                NextAttempt = r.GetInstant(9), DeliveredAt = r.GetInstantOrNull(10), LastError = r.IsDBNull(11) ? null : r.GetString(11),
            });
        return list;
    }
}
