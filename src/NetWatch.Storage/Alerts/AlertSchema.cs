namespace NetWatch.Storage.Alerts;

/// <summary>
/// The alerts' tables. <c>alerts</c> holds the detection part, written by the pipeline's write session only;
/// <c>alert_triage</c> the DSL's part (status, outcome, assignee, notes), written by the triage API only: the two
/// writers never touch one row, so neither's transaction conflicts with the other's. <c>alert_notifications</c> and
/// <c>alert_deliveries</c> are the durable outbox; <c>alert_suppressions</c> the recorded false positives.
/// </summary>
internal static class AlertSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS alerts (
            id VARCHAR PRIMARY KEY,
            school VARCHAR NOT NULL,
            person VARCHAR,
            subject_key VARCHAR NOT NULL,
            theme VARCHAR NOT NULL,
            severity INTEGER NOT NULL,
            first_seen TIMESTAMP NOT NULL,
            last_seen TIMESTAMP NOT NULL,
            "count" BIGINT NOT NULL,
            version INTEGER NOT NULL,
            raised_at TIMESTAMP NOT NULL,
            notified_at TIMESTAMP NOT NULL,
            notified_seen TIMESTAMP NOT NULL,
            detection VARCHAR NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS alert_triage (
            id VARCHAR PRIMARY KEY,
            status VARCHAR NOT NULL,
            outcome VARCHAR,
            assignee VARCHAR,
            notes VARCHAR NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS alert_notifications (
            "key" VARCHAR PRIMARY KEY,
            alert_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            reason VARCHAR NOT NULL,
            severity INTEGER NOT NULL,
            raised_at TIMESTAMP NOT NULL,
            routed_at TIMESTAMP)
        """,
        """
        CREATE TABLE IF NOT EXISTS alert_deliveries (
            "key" VARCHAR PRIMARY KEY,
            notification_key VARCHAR NOT NULL,
            alert_id VARCHAR NOT NULL,
            version INTEGER NOT NULL,
            reason VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            recipient VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt TIMESTAMP NOT NULL,
            delivered_at TIMESTAMP,
            last_error VARCHAR)
        """,
        """
        CREATE TABLE IF NOT EXISTS alert_suppressions (
            id VARCHAR PRIMARY KEY,
            school VARCHAR,
            phrase VARCHAR,
            site VARCHAR,
            search_term VARCHAR,
            reason VARCHAR,
            alert_id VARCHAR,
            created_by VARCHAR NOT NULL,
            created_at TIMESTAMP NOT NULL,
            revoked_by VARCHAR,
            revoked_at TIMESTAMP)
        """,
    ];
}
