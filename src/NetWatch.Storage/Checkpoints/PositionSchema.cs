namespace NetWatch.Storage.Checkpoints;

/// <summary>
/// The source_positions table: per live source, the position reached by the last stored batch, written in
/// that batch's transaction (see EventStore.Write with a position). <c>duplicates</c> counts events of
/// position-carrying batches that were already stored: with exactly-once resumption it stays 0.
/// </summary>
internal static class PositionSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS source_positions (
            source VARCHAR PRIMARY KEY,
            file_id VARCHAR NOT NULL,
            byte_offset BIGINT NOT NULL,
            line_number BIGINT NOT NULL,
            path VARCHAR,
            fingerprint VARCHAR,
            lines_read BIGINT NOT NULL,
            events_stored BIGINT NOT NULL,
            duplicates BIGINT NOT NULL,
            dead_letters BIGINT NOT NULL,
            updated_at TIMESTAMP NOT NULL)
        """,
    ];
}
