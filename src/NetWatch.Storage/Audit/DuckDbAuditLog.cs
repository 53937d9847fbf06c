using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using NetWatch.Storage.Contracts.Audit;
using NodaTime;

namespace NetWatch.Storage.Audit;

/// <summary>
/// The audit log as a hash chain in audit_log (see <see cref="AuditSchema"/>): record n stores the hash of record
/// n-1 and its own, SHA-256 over that hash and its content, and store_info's audit_head the last sequence and hash.
/// Anyone able to write the file can still rewrite the whole chain and its head consistently: the chain makes a
/// change to a record seen, not impossible (a copy of the head kept elsewhere would close that gap).
/// </summary>
internal sealed class DuckDbAuditLog(Func<DuckDBConnection> connect) : IAuditLog
{
    private const string Genesis = "";
    private const string HeadKey = "audit_head";
    // Appends in this process one at a time: each takes the last sequence and hash (DuckDB lets one process open the file).
    private readonly Lock _lock = new();

    public Task<long> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // TIMESTAMP keeps microseconds: hash what is stored, so the chain verifies after reading it back.
        var at = Instant.FromUnixTimeTicks(record.At.ToUnixTimeTicks() / 10 * 10);
        record = record with { At = at };
        lock (_lock)
        {
            using var connection = connect();
            using var transaction = connection.BeginTransaction();
            var (last, previous) = Last(connection);
            var sequence = last + 1;
            var hash = Hash(previous, sequence, record);
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO audit_log VALUES ($seq, $at, $actor, $action, $purpose, $query, $school, $rows, $outcome, $prev, $hash)";
                insert.Parameters.Add(new DuckDBParameter("seq", sequence));
                insert.Parameters.Add(new DuckDBParameter("at", at.ToDateTimeUtc()));
                insert.Parameters.Add(new DuckDBParameter("actor", record.Actor));
                insert.Parameters.Add(new DuckDBParameter("action", record.Action));
                insert.Parameters.Add(new DuckDBParameter("purpose", record.Purpose));
                insert.Parameters.Add(new DuckDBParameter("query", record.Query));
                insert.Parameters.Add(new DuckDBParameter("school", record.School));
                insert.Parameters.Add(new DuckDBParameter("rows", record.Rows));
                insert.Parameters.Add(new DuckDBParameter("outcome", record.Outcome));
                insert.Parameters.Add(new DuckDBParameter("prev", previous));
                insert.Parameters.Add(new DuckDBParameter("hash", hash));
                insert.ExecuteNonQuery();
            }
            StoreInfo.Set(connection, HeadKey, $"{sequence}:{hash}");
            transaction.Commit();
            return Task.FromResult(sequence);
        }
    }

    public Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var where = new List<string> { "true" };
        using var connection = connect();
        using var command = connection.CreateCommand();
        void Add(string condition, string name, object value)
        {
            where.Add(condition);
            command.Parameters.Add(new DuckDBParameter(name, value));
        }
        if (query.From is { } from) Add("recorded_at >= $from", "from", from.ToDateTimeUtc());
        if (query.To is { } to) Add("recorded_at < $to", "to", to.ToDateTimeUtc());
        if (query.Actor is { } actor) Add("actor = $actor", "actor", actor);
        if (query.Action is { } action) Add("action = $action", "action", action);
        command.CommandText = $"SELECT * FROM audit_log WHERE {string.Join(" AND ", where)} ORDER BY sequence";
        using var r = command.ExecuteReader();
        var records = new List<StoredAuditRecord>();
        while (r.Read()) records.Add(ReadRow(r).Stored);
        return Task.FromResult<IReadOnlyList<StoredAuditRecord>>(records);
    }

    public Task<long?> VerifyAsync(CancellationToken cancellationToken)
    {
        using var connection = connect();
        long expected = 1;
        var previous = Genesis;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM audit_log ORDER BY sequence";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (stored, previousHash, hash) = ReadRow(r);
                // A gap is a removed record; a wrong link or hash a changed or inserted one.
                if (stored.Sequence != expected) return Task.FromResult<long?>(Math.Min(stored.Sequence, expected));
                if (previousHash != previous || hash != Hash(previous, stored.Sequence, stored.Record))
                    return Task.FromResult<long?>(stored.Sequence);
                previous = hash;
                expected++;
            }
        }
        var last = expected - 1;
        var head = Head(connection);
        if (head is null) return Task.FromResult<long?>(last == 0 ? null : 1);
        var (headSequence, headHash) = head.Value;
        if (headSequence > last) return Task.FromResult<long?>(last + 1);       // records cut off the end
        if (headSequence < last) return Task.FromResult<long?>(headSequence + 1); // records added after the head
        return Task.FromResult<long?>(headHash == previous ? null : last);
    }

    private static (long Sequence, string Hash) Last(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1";
        using var r = command.ExecuteReader();
        return r.Read() ? (r.GetInt64(0), r.GetString(1)) : (0, Genesis);
    }

    private static (long Sequence, string Hash)? Head(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT value FROM store_info WHERE key = '{HeadKey}'";
        if (command.ExecuteScalar() is not string value) return null;
        var colon = value.IndexOf(':');
        return colon > 0 && long.TryParse(value[..colon], out var sequence) ? (sequence, value[(colon + 1)..]) : (0, value);
    }

    private static (StoredAuditRecord Stored, string PreviousHash, string Hash) ReadRow(DuckDBDataReader r)
    {
        var record = new AuditRecord
        {
            At = r.GetInstant(1), Actor = r.GetString(2), Action = r.GetString(3),
            Purpose = r.IsDBNull(4) ? null : r.GetString(4), Query = r.IsDBNull(5) ? null : r.GetString(5),
            School = r.IsDBNull(6) ? null : r.GetString(6), Rows = r.IsDBNull(7) ? null : r.GetInt64(7), Outcome = r.GetString(8),
        };
        return (new StoredAuditRecord(r.GetInt64(0), record), r.GetString(9), r.GetString(10));
    }

    /// <summary>SHA-256 (hex) over the previous hash and the record's fields as a JSON array: unambiguous, whatever the text holds.</summary>
    private static string Hash(string previous, long sequence, AuditRecord record)
    {
        var content = JsonSerializer.Serialize(new object?[]
        {
            previous, sequence, record.At.ToUnixTimeTicks(), record.Actor, record.Action, record.Purpose, record.Query,
            record.School, record.Rows, record.Outcome,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }
}
