using NodaTime;

namespace NetWatch.Storage.Contracts.Checkpoints;

/// <summary>
/// How far one source has been read, committed with the batch that reached it. <see cref="Kind"/> names the source
/// kind that wrote it (file, syslog-udp, kafka, ...) and <see cref="Position"/> is that kind's own position,
/// serialised by it (a file's identity, byte offset and line; a syslog sequence; Kafka partitions and offsets):
/// the store keeps it without reading it.
/// </summary>
public sealed record Checkpoint(string Source, string Kind, string Position);

/// <summary>Running totals per source, added to by each committed batch.</summary>
public sealed record CheckpointTotals(long LinesRead, long EventsStored, long Duplicates, long DeadLetters)
{
    public static readonly CheckpointTotals Zero = new(0, 0, 0, 0);
    public CheckpointTotals Plus(CheckpointTotals o) =>
        new(LinesRead + o.LinesRead, EventsStored + o.EventsStored, Duplicates + o.Duplicates, DeadLetters + o.DeadLetters);
}

/// <summary>A committed checkpoint with its source's totals and when it was last written.</summary>
public sealed record StoredCheckpoint(Checkpoint Checkpoint, CheckpointTotals Totals, Instant UpdatedAt);
