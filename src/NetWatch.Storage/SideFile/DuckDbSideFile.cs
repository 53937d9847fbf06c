using DuckDB.NET.Data;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Alerts;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Writing;

namespace NetWatch.Storage.SideFile;

/// <summary>
/// <see cref="ISideFile"/> in DuckDB: the batches in <see cref="SideFileSchema"/>'s file, on a connection of its own, and
/// the main file's checkpoints in the background (<see cref="BackgroundCheckpoint"/>). How far the main file has taken the
/// side file's entries is the main file's <c>store_info</c> row <see cref="TakenKey"/>, written by the session that takes
/// them (<see cref="DuckDbWriteSession.TakeSideAsync"/>), so an entry is in the main file's count once whichever way a crash falls.
/// </summary>
internal sealed class DuckDbSideFile(string directory, Func<DuckDBConnection> readStore, BackgroundCheckpoint checkpoint) : ISideFile, IDisposable
{
    /// <summary>The main file's store_info key: the last side entry a committed main session took.</summary>
    public const string TakenKey = "side_taken";

    private readonly Lock _gate = new();
    private DuckDBConnection? _connection;
    private long _sequence = -1;
    private long _waiting;

    public bool Checkpointing => checkpoint.Running;

    public bool CheckpointIfDue() => checkpoint.StartIfDue();

    public Task WaitAsync(CancellationToken cancellationToken) => checkpoint.WaitAsync(cancellationToken);

    public long EventsWaiting => Interlocked.Read(ref _waiting);

    public int Checkpoints => checkpoint.Completed;

    public long Store(EventBatch batch, Checkpoint? at)
    {
        lock (_gate)
        {
            var connection = Connection();
            var seq = ++_sequence;
            using var transaction = connection.BeginTransaction();
            using (var entry = connection.CreateCommand())
            {
                entry.CommandText = "INSERT INTO side_entries VALUES ($seq, $source, $lines, $last, $cs, $ck, $cp)";
                entry.Add("seq", seq).Add("source", batch.Source).Add("lines", batch.LinesRead).Add("last", batch.LastLineNumber)
                    .Add("cs", at?.Source).Add("ck", at?.Kind).Add("cp", at?.Position).ExecuteNonQuery();
            }
            if (batch.Events.Count > 0)
            {
                using (var events = new ChunkAppender(connection, "side_events"))
                    foreach (var e in batch.Events) EventRowWriter.Append(events, e);
                using var entries = connection.CreateAppender("side_event_entries");
                foreach (var e in batch.Events) entries.CreateRow().AppendValue(seq).AppendValue(e.Id.ToGuid()).EndRow();
            }
            if (batch.DeadLetters.Count > 0)
            {
                using var dead = connection.CreateAppender("side_dead_letters");
                foreach (var d in batch.DeadLetters)
                    dead.CreateRow().AppendValue(seq).AppendValue(d.Source).AppendValue(d.LineNumber).AppendValue(d.Raw).AppendValue(d.Reason)
                        .AppendValue(d.Detail).AppendValue(d.ReceivedAt.ToDateTimeUtc()).EndRow();
            }
            var t0 = Timeline.Start();
            transaction.Commit();
            Timeline.Write($"side file transaction commit {Timeline.Since(t0)}");
            Interlocked.Add(ref _waiting, batch.Events.Count);
            return seq;
        }
    }

    public IReadOnlyList<SideEntry> Pending()
    {
        lock (_gate)
        {
            if (_connection is null && !SideFileSchema.Exists(directory)) return [];
            var connection = Connection();
            var taken = Taken();
            var events = new Dictionary<long, List<NetEvent>>();
            using (var command = connection.CreateCommand())
            {
                // In the order they were appended (rowid), each with its entry's sequence as the last column.
                command.CommandText = "SELECT e.*, x.seq FROM side_events e JOIN side_event_entries x ON x.id = e.id WHERE x.seq > $taken ORDER BY x.seq, e.rowid";
                command.Add("taken", taken);
                using var r = command.ExecuteReader();
                while (r.Read())
                {
                    var seq = r.GetInt64(r.FieldCount - 1);
                    if (!events.TryGetValue(seq, out var list)) events[seq] = list = [];
                    list.Add(EventRowReader.Read(r));
                }
            }
            var dead = new Dictionary<long, List<DeadLetter>>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT seq, source, line, raw, reason, detail, received_at FROM side_dead_letters WHERE seq > $taken ORDER BY seq, rowid";
                command.Add("taken", taken);
                using var r = command.ExecuteReader();
                while (r.Read())
                {
                    var seq = r.GetInt64(0);
                    if (!dead.TryGetValue(seq, out var list)) dead[seq] = list = [];
                    list.Add(new DeadLetter(r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetInstant(6)));
                }
            }
            var pending = new List<SideEntry>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT seq, source, lines_read, last_line, checkpoint_source, checkpoint_kind, checkpoint_position
                    FROM side_entries WHERE seq > $taken ORDER BY seq
                    """;
                command.Add("taken", taken);
                using var r = command.ExecuteReader();
                while (r.Read())
                {
                    var seq = r.GetInt64(0);
                    var batch = new EventBatch(r.GetString(1), events.GetValueOrDefault(seq) ?? [], dead.GetValueOrDefault(seq) ?? [], r.GetInt64(2), r.GetInt64(3));
                    var at = r.IsDBNull(4) ? null : new Checkpoint(r.GetString(4), r.GetString(5), r.GetString(6));
                    pending.Add(new SideEntry(seq, batch, at));
                }
            }
            return pending;
        }
    }

    public void Settle(long sequence)
    {
        lock (_gate)
        {
            if (_connection is null) return;
            SequencedEntries.DeleteThrough(_connection, sequence,
                "DELETE FROM side_events WHERE id IN (SELECT id FROM side_event_entries WHERE seq <= $seq)",
                "DELETE FROM side_event_entries WHERE seq <= $seq",
                "DELETE FROM side_dead_letters WHERE seq <= $seq",
                "DELETE FROM side_entries WHERE seq <= $seq");
            Interlocked.Exchange(ref _waiting, Count("SELECT count(*) FROM side_event_entries"));
            // Emptied: the checkpoint drops what the WAL held (its commits never checkpoint: SideFileSchema) at little cost,
            // with no main-file checkpoint running.
            if (Count("SELECT count(*) FROM side_entries") != 0) return;
            var t0 = Timeline.Start();
            _connection.Execute("CHECKPOINT");
            Timeline.Write($"side file emptied, checkpointed: {Timeline.Since(t0)}");
        }
    }

    /// <summary>The checkpoints of the entries no main session has taken, oldest first, each with its batch's lines and events.</summary>
    public IReadOnlyList<(Checkpoint Checkpoint, long Lines, long Events, long DeadLetters)> PendingCheckpoints()
    {
        lock (_gate)
        {
            if (_connection is null && !SideFileSchema.Exists(directory)) return [];
            var connection = Connection();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT checkpoint_source, checkpoint_kind, checkpoint_position, lines_read,
                       (SELECT count(*) FROM side_event_entries x WHERE x.seq = s.seq), (SELECT count(*) FROM side_dead_letters d WHERE d.seq = s.seq)
                FROM side_entries s WHERE seq > $taken AND checkpoint_source IS NOT NULL ORDER BY seq
                """;
            command.Add("taken", Taken());
            using var r = command.ExecuteReader();
            var list = new List<(Checkpoint, long, long, long)>();
            while (r.Read()) list.Add((new Checkpoint(r.GetString(0), r.GetString(1), r.GetString(2)), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));
            return list;
        }
    }

    /// <summary>The last side entry the main file has taken (-1: none).</summary>
    private long Taken()
    {
        using var connection = readStore();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM store_info WHERE key = '{TakenKey}'";
        return command.ExecuteScalar() is string value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    private long Count(string sql)
    {
        using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>The side file's own DuckDB memory (its duckdb_memory()), for <see cref="Diagnostics.NativeHeapSamples"/>; -1 before its first batch.</summary>
    public long MemoryBytes()
    {
        lock (_gate)
        {
            return _connection?.MemoryBytes() ?? -1;
        }
    }

    private DuckDBConnection Connection()
    {
        if (_connection is null)
        {
            _connection = SideFileSchema.Open(directory);
            // Sequences go on from the last entry either file knows, so a settled entry's number is never used again.
            _sequence = Math.Max(Taken(), Count("SELECT coalesce(max(seq), -1) FROM side_entries"));
            _waiting = Count("SELECT count(*) FROM side_event_entries");
        }
        return _connection;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            checkpoint.Dispose();
            _connection?.Dispose();
            _connection = null;
        }
    }
}
