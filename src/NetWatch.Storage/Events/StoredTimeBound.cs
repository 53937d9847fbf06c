using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Storage.Events;

/// <summary>
/// A time no stored event is newer than, in the column's microseconds: the newest "@timestamp" of the events tables when
/// the writer first asks, raised by every event the writer appends since (its own writes are the only ones: the store has
/// one writer connection). It is never lowered (a rollback or a deletion leaves it above the newest stored event, which
/// only makes the dedupe ask about more events).
/// </summary>
/// <remarks>
/// The dedupe (<see cref="EventBatchWriter"/>) asks the table only about events at or before it: an event's id is a hash
/// of its format, line and text, so the stored event with its id has its timestamp (the dedupe's query bounds by the
/// batch's times for the same reason), and an event newer than every stored one cannot have been stored. A live or
/// backlog batch follows the one before in time, so it holds only the few events of the previous batch's last
/// moment or none: its query of the events (~8-13 ms a call for ~24,000 ids) is then small or not made at all. A
/// re-import's events are all older: all are asked about, as before. The comparison is in stored microseconds (the
/// column's floor of the event's time), so an event of finer time is not taken for newer than its stored copy.
/// </remarks>
internal sealed class StoredTimeBound(DuckDBConnection connection)
{
    private long? _newest;

    /// <summary>No stored event's time (microseconds since the epoch) is after this (<see cref="long.MinValue"/>: none stored).</summary>
    public long Newest => _newest ??= Read();

    /// <summary>Whether a stored event may have this time (at or before <see cref="Newest"/>).</summary>
    public bool MayBeStored(Instant timestamp) => ChunkFiller.Micros(timestamp) <= Newest;

    /// <summary>These events are appended (or may be, in a transaction not yet committed): the bound covers them.</summary>
    public void Wrote(IReadOnlyList<NetEvent> events)
    {
        if (events.Count == 0) return;
        var newest = Newest;
        foreach (var e in events) newest = Math.Max(newest, ChunkFiller.Micros(e.Timestamp));
        _newest = newest;
    }

    private long Read()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT epoch_us(max("@timestamp")) FROM events""";
        return command.ExecuteScalar() is long newest ? newest : long.MinValue;
    }
}
