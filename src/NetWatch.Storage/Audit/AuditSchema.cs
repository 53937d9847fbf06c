namespace NetWatch.Storage.Audit;

/// <summary>
/// The audit_log table (contract IAuditLog). Append-only through the contract; each row stores the hash of the
/// previous row and its own hash over that and its content (a hash chain), so a row changed, removed or inserted
/// with plain SQL breaks the chain from that row on (DuckDbAuditLog.VerifyAsync). store_info's audit_head keeps the
/// last sequence and hash, so that cutting rows off the end is seen too.
/// </summary>
internal static class AuditSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            sequence BIGINT PRIMARY KEY,
            recorded_at TIMESTAMP NOT NULL,
            actor VARCHAR NOT NULL,
            action VARCHAR NOT NULL,
            purpose VARCHAR,
            query VARCHAR,
            school VARCHAR,
            "rows" BIGINT,
            outcome VARCHAR NOT NULL,
            previous_hash VARCHAR NOT NULL,
            hash VARCHAR NOT NULL)
        """,
    ];
}
