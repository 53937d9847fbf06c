using System.Data.Common;
using DuckDB.NET.Data;
using NetWatch.Core.Alerts;
using NodaTime;

namespace NetWatch.Storage.Alerts;

/// <summary>Writing and reading rows of <c>alerts</c> (joined with <c>alert_triage</c>) and adding outbox notifications.</summary>
internal static class AlertTable
{
    public const string Select = """
        SELECT a.id, a.school, a.theme, a.severity, a.first_seen, a.last_seen, a."count", a.version, a.raised_at,
               a.notified_at, a.notified_seen, a.detection, t.status, t.outcome, t.assignee, t.notes
        FROM alerts a LEFT JOIN alert_triage t ON t.id = a.id
        """;

    /// <summary>Inserts each alert or replaces its detection part (the triage part lives in alert_triage, untouched).</summary>
    /// <remarks>
    /// Of several versions of one alert only the last is written: each write replaces every column the earlier wrote but
    /// the alert's identity (school, person, subject, theme, raised at), which its versions share. An UPDATE first and a
    /// plain INSERT only when it found no row (the store's one writer, in its transaction: no row can come between the
    /// two), as <see cref="Checkpoints.CheckpointTable.Save"/>: DuckDB's INSERT .. ON CONFLICT DO UPDATE costs about twice
    /// the UPDATE of the same row (bench/results/small-2026-12-05-session26.txt), and the live service writes the alerts
    /// its fast lane raised with every session.
    /// </remarks>
    public static void Upsert(DuckDBConnection connection, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0) return;
        foreach (var a in LastVersions(alerts))
        {
            using var update = connection.CreateCommand();
            update.CommandText = """
                UPDATE alerts SET severity = $severity, first_seen = $first, last_seen = $last, "count" = $count, version = $version,
                    notified_at = $notified, notified_seen = $notified_seen, detection = $detection
                WHERE id = $id
                """;
            if (update.Add("id", a.Id).Add("severity", a.Severity).Add("first", a.FirstSeen).Add("last", a.LastSeen)
                    .Add("count", a.Count).Add("version", a.Version).Add("notified", a.NotifiedAt)
                    .Add("notified_seen", a.NotifiedSeen).Add("detection", AlertJson.Write(a)).ExecuteNonQuery() > 0) continue;
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO alerts VALUES ($id, $school, $person, $subject, $theme, $severity, $first, $last, $count, $version,
                                           $raised, $notified, $notified_seen, $detection)
                """;
            insert.AddAlert(a).ExecuteNonQuery();
        }
    }

    /// <summary>The last of the alerts with each id, in the order of their first.</summary>
    private static IEnumerable<Alert> LastVersions(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 1) return alerts;
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < alerts.Count; i++)
        {
            if (!last.ContainsKey(alerts[i].Id)) order.Add(alerts[i].Id);
            last[alerts[i].Id] = i;
        }
        return order.Count == alerts.Count ? alerts : order.Select(id => alerts[last[id]]);
    }

    /// <summary>Adds notifications to the outbox inside the store writer's transaction; one whose key is stored is left as
    /// it is. Returns how many were added.</summary>
    /// <remarks>
    /// Two statements whatever their number: the keys already stored, then one plain INSERT of the rest (the first of
    /// several with one key). One INSERT OR IGNORE a notification cost ~14 ms a live write session for ~2 notifications
    /// (session 37); in the store's one writer's transaction no row can come between the two.
    /// </remarks>
    public static int AddNotifications(DuckDBConnection connection, IReadOnlyList<AlertNotification> notifications)
    {
        if (notifications.Count == 0) return 0;
        var stored = new HashSet<string>(StringComparer.Ordinal);
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT \"key\" FROM alert_notifications WHERE \"key\" IN ("
                + string.Join(", ", notifications.Select((_, i) => "$k" + i)) + ")";
            for (var i = 0; i < notifications.Count; i++) query.Add("k" + i, notifications[i].Key);
            using var r = query.ExecuteReader();
            while (r.Read()) stored.Add(r.GetString(0));
        }
        var added = notifications.Where(n => stored.Add(n.Key)).ToList();
        if (added.Count == 0) return 0;
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO alert_notifications VALUES "
            + string.Join(", ", added.Select((_, i) => $"($key{i}, $alert{i}, $version{i}, $reason{i}, $severity{i}, $at{i}, NULL)"));
        for (var i = 0; i < added.Count; i++)
        {
            var n = added[i];
            insert.Add("key" + i, n.Key).Add("alert" + i, n.AlertId).Add("version" + i, n.Version).Add("reason" + i, n.Reason)
                .Add("severity" + i, n.Severity).Add("at" + i, n.At);
        }
        return insert.ExecuteNonQuery();
    }

    /// <summary>Adds a notification to the outbox unless its key is stored, in one statement (on a connection of its own,
    /// where another's commit may come between a look and an insert). Returns whether it was added.</summary>
    public static bool AddNotificationIfAbsent(DuckDBConnection connection, AlertNotification notification)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO alert_notifications VALUES ($key, $alert, $version, $reason, $severity, $at, NULL)";
        return command.AddNotification(notification).ExecuteNonQuery() > 0;
    }

    /// <summary>An alert's row values as parameters $id, $school, $person, $subject, $theme, $severity, $first, $last,
    /// $count, $version, $raised, $notified, $notified_seen, $detection (alerts, and the fast lane's fast_alerts).</summary>
    public static DbCommand AddAlert(this DbCommand command, Alert a) =>
        command.Add("id", a.Id).Add("school", a.School).Add("person", a.Subject.Person).Add("subject", a.Subject.Key)
            .Add("theme", a.Theme).Add("severity", a.Severity).Add("first", a.FirstSeen).Add("last", a.LastSeen)
            .Add("count", a.Count).Add("version", a.Version).Add("raised", a.RaisedAt).Add("notified", a.NotifiedAt)
            .Add("notified_seen", a.NotifiedSeen).Add("detection", AlertJson.Write(a));

    /// <summary>A notification's row values as parameters $key, $alert, $version, $reason, $severity, $at (the outbox, and fast_notifications).</summary>
    public static DbCommand AddNotification(this DbCommand command, AlertNotification n) =>
        command.Add("key", n.Key).Add("alert", n.AlertId).Add("version", n.Version).Add("reason", n.Reason)
            .Add("severity", n.Severity).Add("at", n.At);

    public static Alert Read(DbDataReader r)
    {
        var (subject, evidence, eventIds) = AlertJson.Read(r.GetString(11));
        AlertNames.TryStatus(r.IsDBNull(12) ? "new" : r.GetString(12), out var status);
        AlertOutcome? outcome = !r.IsDBNull(13) && AlertNames.TryOutcome(r.GetString(13), out var o) ? o : null;
        return new Alert
        {
            Id = r.GetString(0), School = r.GetString(1), Subject = subject, Theme = r.GetString(2), Severity = r.GetInt32(3),
            FirstSeen = r.GetInstant(4), LastSeen = r.GetInstant(5), Count = r.GetInt64(6), Version = r.GetInt32(7),
            RaisedAt = r.GetInstant(8), NotifiedAt = r.GetInstant(9), NotifiedSeen = r.GetInstant(10),
            Evidence = evidence, EventIds = eventIds, Status = status, Outcome = outcome,
            Assignee = r.IsDBNull(14) ? null : r.GetString(14), Notes = r.IsDBNull(15) ? [] : AlertJson.ReadNotes(r.GetString(15)),
        };
    }
}

/// <summary>Adding parameters in a chain; instants as UTC timestamps, nulls as NULL.</summary>
internal static class CommandParameters
{
    public static DbCommand Add(this DbCommand command, string name, object? value)
    {
        command.Parameters.Add(new DuckDBParameter(name, value switch
        {
            null => DBNull.Value,
            Instant i => i.ToDateTimeUtc(),
            _ => value,
        }));
        return command;
    }
}
