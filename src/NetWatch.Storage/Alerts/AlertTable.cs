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
    public static void Upsert(DuckDBConnection connection, IReadOnlyList<Alert> alerts)
    {
        foreach (var a in alerts)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO alerts VALUES ($id, $school, $person, $subject, $theme, $severity, $first, $last, $count, $version,
                                           $raised, $notified, $notified_seen, $detection)
                ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, first_seen = excluded.first_seen,
                    last_seen = excluded.last_seen, "count" = excluded."count", version = excluded.version,
                    notified_at = excluded.notified_at, notified_seen = excluded.notified_seen, detection = excluded.detection
                """;
            command.AddAlert(a).ExecuteNonQuery();
        }
    }

    /// <summary>Adds notifications to the outbox; one whose key is stored is left as it is. Returns how many were added.</summary>
    public static int AddNotifications(DuckDBConnection connection, IReadOnlyList<AlertNotification> notifications)
    {
        var added = 0;
        foreach (var n in notifications)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR IGNORE INTO alert_notifications VALUES ($key, $alert, $version, $reason, $severity, $at, NULL)";
            added += command.AddNotification(n).ExecuteNonQuery();
        }
        return added;
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
