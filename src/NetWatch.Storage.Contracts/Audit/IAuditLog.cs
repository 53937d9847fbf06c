namespace NetWatch.Storage.Contracts.Audit;

/// <summary>
/// The audit log: append and read, nothing else. There is no update or delete here, and the store makes a change
/// made behind its back detectable (<see cref="VerifyAsync"/>).
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends a record (durably, before the caller answers); returns its sequence number.</summary>
    Task<long> AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Records in sequence order.</summary>
    Task<IReadOnlyList<StoredAuditRecord>> ReadAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Null when every stored record is as appended; else the first sequence number whose record was changed, removed or inserted.</summary>
    Task<long?> VerifyAsync(CancellationToken cancellationToken);
}
