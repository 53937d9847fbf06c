using NodaTime;

namespace NetWatch.Storage.Contracts.Audit;

/// <summary>
/// One entry of the audit log: who (<see cref="Actor"/>: an account, or "os:USER" for a direct read of the store
/// file), when, what was read or done (<see cref="Action"/>: a route or verb such as "events.search",
/// "retention.run"), the stated <see cref="Purpose"/>, the <see cref="Query"/> (filters as JSON), the school it
/// concerned, how many records it returned or changed, and its outcome (ok, denied, failed).
/// </summary>
public sealed record AuditRecord
{
    public required Instant At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public string? Purpose { get; init; }
    public string? Query { get; init; }
    public string? School { get; init; }
    public long? Rows { get; init; }
    public string Outcome { get; init; } = "ok";
}

/// <summary>An appended record with its place in the log (1, 2, ...).</summary>
public sealed record StoredAuditRecord(long Sequence, AuditRecord Record);
