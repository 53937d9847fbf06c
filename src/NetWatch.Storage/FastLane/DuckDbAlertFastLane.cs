using DuckDB.NET.Data;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Storage.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Events;
using NetWatch.Storage.Writing;

namespace NetWatch.Storage.FastLane;

/// <summary>
/// The fast lane in its own DuckDB file (<see cref="FastLaneFile"/>): each entry is one transaction there, on a
/// connection of its own, so it commits in milliseconds while the store's bulk session writes or checkpoints. The file
/// is created when the live service opens the lane, or by the first entry (an import never makes one). <see cref="StoredAmongAsync"/> reads the store's events
/// (a read does not wait for a checkpoint).
/// </summary>
internal sealed class DuckDbAlertFastLane(string directory, Func<DuckDBConnection> readStore) : IAlertFastLane, IDisposable
{
    private readonly Lock _gate = new();
    private DuckDBConnection? _connection;
    private long _sequence = -1;

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate) Connection();
        // The store's read connection and the "stored already?" query, once, with an id no event has.
        StoredAmong([Guid.Empty], DateTime.UnixEpoch, DateTime.UnixEpoch);
        return Task.CompletedTask;
    }

    public Task<long> StoreAsync(FastLaneEntry entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var connection = Connection();
            var seq = ++_sequence;
            using var transaction = connection.BeginTransaction();
            if (entry.Events.Count > 0)
            {
                using (var events = new ChunkAppender(connection, "fast_events"))
                    foreach (var e in entry.Events) EventRowWriter.Append(events, e);
                using var entries = connection.CreateAppender("fast_event_entries");
                foreach (var e in entry.Events) entries.CreateRow().AppendValue(seq).AppendValue(e.Id.ToGuid()).EndRow();
            }
            foreach (var a in entry.Alerts)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = """
                    INSERT INTO fast_alerts VALUES ($seq, $id, $school, $person, $subject, $theme, $severity, $first, $last, $count,
                                                    $version, $raised, $notified, $notified_seen, $detection)
                    """;
                insert.Add("seq", seq).AddAlert(a).ExecuteNonQuery();
            }
            foreach (var n in entry.Notifications)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO fast_notifications VALUES ($seq, $key, $alert, $version, $reason, $severity, $at)";
                insert.Add("seq", seq).AddNotification(n).ExecuteNonQuery();
            }
            transaction.Commit();
            return Task.FromResult(seq);
        }
    }

    public Task<FastLaneEntry> PendingAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_connection is null && !File.Exists(Path.Combine(directory, FastLaneFile.FileName))) return Task.FromResult(FastLaneEntry.Empty);
            var connection = Connection();
            var events = new List<NetEvent>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT e.* FROM fast_events e JOIN (SELECT id, min(seq) AS seq FROM fast_event_entries GROUP BY id) x ON x.id = e.id ORDER BY x.seq";
                using var r = command.ExecuteReader();
                while (r.Read()) events.Add(EventRowReader.Read(r));
            }
            var alerts = new List<Alert>();
            using (var command = connection.CreateCommand())
            {
                // The columns of AlertTable.Select, the triage part empty (it is never in the lane).
                command.CommandText = """
                    SELECT id, school, theme, severity, first_seen, last_seen, "count", version, raised_at, notified_at, notified_seen,
                           detection, NULL, NULL, NULL, NULL FROM fast_alerts ORDER BY seq, "count", version
                    """;
                using var r = command.ExecuteReader();
                while (r.Read()) alerts.Add(AlertTable.Read(r));
            }
            var notifications = new List<AlertNotification>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT alert_id, version, reason, severity, raised_at FROM fast_notifications ORDER BY seq, \"key\"";
                using var r = command.ExecuteReader();
                while (r.Read()) notifications.Add(new AlertNotification(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt32(3), r.GetInstant(4)));
            }
            return Task.FromResult(new FastLaneEntry(events, alerts, notifications, _sequence));
        }
    }

    public Task SettleAsync(long sequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_connection is null) return Task.CompletedTask;
            SequencedEntries.DeleteThrough(_connection, sequence,
                "DELETE FROM fast_events WHERE id IN (SELECT id FROM fast_event_entries WHERE seq <= $seq)",
                "DELETE FROM fast_event_entries WHERE seq <= $seq",
                "DELETE FROM fast_alerts WHERE seq <= $seq",
                "DELETE FROM fast_notifications WHERE seq <= $seq");
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlySet<EventId>> StoredAmongAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return Task.FromResult<IReadOnlySet<EventId>>(new HashSet<EventId>());
        var stored = StoredAmong(events.Select(e => e.Id.ToGuid()), events.Min(e => e.Timestamp).ToDateTimeUtc(), events.Max(e => e.Timestamp).ToDateTimeUtc());
        return Task.FromResult<IReadOnlySet<EventId>>(stored);
    }

    private HashSet<EventId> StoredAmong(IEnumerable<Guid> ids, DateTime min, DateTime max)
    {
        using var connection = readStore();
        using var command = connection.CreateCommand();
        // Ids are GUIDs (safe as literals); the time bounds let the zone maps skip every other row group.
        command.CommandText = $"""
            SELECT id FROM events WHERE "@timestamp" BETWEEN $min AND $max
            AND id IN ({string.Join(",", ids.Select(id => $"'{id}'::UUID"))})
            """;
        command.Add("min", min).Add("max", max);
        var stored = new HashSet<EventId>();
        using (var r = command.ExecuteReader())
            while (r.Read()) stored.Add(EventId.FromGuid(r.GetGuid(0)));
        return stored;
    }

    private DuckDBConnection Connection()
    {
        if (_connection is null)
        {
            _connection = FastLaneFile.Open(directory);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(seq), 0) FROM (SELECT seq FROM fast_event_entries UNION ALL SELECT seq FROM fast_alerts UNION ALL SELECT seq FROM fast_notifications)";
            _sequence = Convert.ToInt64(command.ExecuteScalar());
        }
        return _connection;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }
}
