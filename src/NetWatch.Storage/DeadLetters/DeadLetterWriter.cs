using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Events;

namespace NetWatch.Storage.DeadLetters;

/// <summary>
/// Stores dead letters over the store's writer connection, inside the transaction its caller holds; one already stored
/// (same file name, line and raw text) is not stored twice. Lives as long as the writer connection (its bound does).
/// </summary>
/// <remarks>
/// A live batch holds a few dead letters and none is stored yet, so the fixed cost is what matters: the ids of the
/// batch's dead letters that may be stored (<see cref="StoredDeadLetterLines"/>) looked up in dead_letters (a literal
/// list bounded by their lines, as the id hashes the line), then the new ones appended straight into dead_letters. No
/// temp staging table: staging them, an anti-join insert and clearing the stage cost ~13 ms a call in the live service
/// (session 37).
/// </remarks>
internal sealed class DeadLetterWriter(DuckDBConnection connection)
{
    /// <summary>A batch's ids so far (a batch may hold one dead letter twice): kept between batches.</summary>
    private readonly HashSet<Guid> _seen = [];
    /// <summary>No stored dead letter of a file is after its line: only those at or before it are looked up.</summary>
    private readonly StoredDeadLetterLines _stored = new(connection);

    public void Insert(IReadOnlyList<DeadLetter> deadLetters)
    {
        if (deadLetters.Count == 0) return;
        var phase = PhaseTimes.Start();
        var ids = new EventId[deadLetters.Count];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = EventIdentity.Compute("dead-letter:" + StoredDeadLetterLines.FileName(deadLetters[i]), deadLetters[i].LineNumber, deadLetters[i].Raw);
        var stored = StoredOf(deadLetters, ids);
        _stored.Wrote(deadLetters);
        PhaseTimes.Add("store: dead letters lookup", phase);
        phase = PhaseTimes.Start();
        _seen.Clear();
        ChunkAppender? appender = null;
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                // The first of several with one id in a batch, as the stored one is kept.
                var id = ids[i].ToGuid();
                if (!_seen.Add(id) || stored.Contains(id)) continue;
                appender ??= new ChunkAppender(connection, "dead_letters");
                var d = deadLetters[i];
                appender.Uuid(0, ids[i].Value);
                appender.Varchar(1, d.Source);
                appender.Int64(2, d.LineNumber);
                appender.Varchar(3, d.Raw);
                appender.Varchar(4, d.Reason);
                appender.Varchar(5, d.Detail);
                appender.Timestamp(6, d.ReceivedAt);
                appender.EndRow(7);
            }
        }
        finally
        {
            appender?.Dispose();
        }
        PhaseTimes.Add("store: dead letters append", phase);
    }

    /// <summary>Of these ids, those dead_letters holds: the ones that may be stored asked with the ids as literals (GUIDs, safe), a bounded number at a time.</summary>
    private HashSet<Guid> StoredOf(IReadOnlyList<DeadLetter> deadLetters, EventId[] ids)
    {
        const int PerQuery = 512;
        var stored = new HashSet<Guid>();
        var asked = new List<int>();
        for (var i = 0; i < ids.Length; i++)
            if (_stored.MayBeStored(deadLetters[i])) asked.Add(i);
        for (var from = 0; from < asked.Count; from += PerQuery)
        {
            var count = Math.Min(PerQuery, asked.Count - from);
            long min = long.MaxValue, max = long.MinValue;
            var list = new System.Text.StringBuilder(count * 46);
            for (var k = from; k < from + count; k++)
            {
                var i = asked[k];
                min = Math.Min(min, deadLetters[i].LineNumber);
                max = Math.Max(max, deadLetters[i].LineNumber);
                if (k > from) list.Append(',');
                list.Append('\'').Append(ids[i].ToGuid().ToString("D")).Append("'::UUID");
            }
            using var query = connection.CreateCommand();
            // The line bound: an id is a hash of the file name, the line and the raw text, so a stored row with the id has the line.
            query.CommandText = FormattableString.Invariant($"SELECT id FROM dead_letters WHERE line BETWEEN {min} AND {max} AND id IN ({list})");
            using var reader = query.ExecuteReader();
            while (reader.Read()) stored.Add(reader.GetGuid(0));
        }
        return stored;
    }
}
