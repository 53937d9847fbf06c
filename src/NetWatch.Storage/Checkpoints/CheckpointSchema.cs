namespace NetWatch.Storage.Checkpoints;

/// <summary>
/// The checkpoints table (contract ICheckpointReader, written by IWriteSession.SaveCheckpointAsync): per source,
/// the position its kind serialised (kept as text, never read by the store) and running totals, written in the
/// transaction of the batch that reached it. It replaces the older source_positions table, whose rows
/// <see cref="LegacyPositionMigration"/> moves into it when an old store is opened.
/// </summary>
internal static class CheckpointSchema
{
    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS checkpoints (
            source VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            position VARCHAR NOT NULL,
            lines_read BIGINT NOT NULL,
            events_stored BIGINT NOT NULL,
            duplicates BIGINT NOT NULL,
            dead_letters BIGINT NOT NULL,
            updated_at TIMESTAMP NOT NULL)
        """,
    ];
}
