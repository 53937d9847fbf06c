using NodaTime;

namespace NetWatch.Storage.Contracts.Retention;

/// <summary>Deleting what is older than its retention. The audit log is not a kind here: its records are never deleted through the contracts.</summary>
public interface IRetention
{
    /// <summary>Deletes the records of <paramref name="kind"/> older than <paramref name="before"/> (by @timestamp, a visit's start, a dead letter's receipt); returns how many went.</summary>
    Task<long> DeleteOlderThanAsync(RecordKind kind, Instant before, CancellationToken cancellationToken);
}
