using NetWatch.Storage.Contracts.Aggregates;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Storage.Contracts;

/// <summary>
/// An opened store, seen through its contracts. A process opens one (its composition root does) and hands out
/// the facets each part needs: the pipeline the writer and checkpoints, the API search, aggregates and the audit log,
/// the retention job retention. Nothing outside the store's own project sees which database is behind it.
/// </summary>
public interface IStore : IDisposable
{
    /// <summary>Where the store is, for messages (a directory, a URL).</summary>
    string Location { get; }

    IStoreWriter Writer { get; }
    ICheckpointReader Checkpoints { get; }
    IEventSearch Search { get; }
    IAggregates Aggregates { get; }
    IRetention Retention { get; }
    IAuditLog Audit { get; }
    IAlertStore Alerts { get; }
    IAlertOutbox Outbox { get; }
    /// <summary>Where alert-raising events are stored ahead of the bulk writes (the live service).</summary>
    IAlertFastLane FastLane { get; }
    /// <summary>Where the live service commits while the main file checkpoints (<see cref="ISideFile"/>); null: none.</summary>
    ISideFile? Side => null;

    /// <summary>
    /// The memory the store's engine holds in this process now, in bytes (its cache and what it holds beside it), for
    /// /metrics; null when it holds none here (a store on another server).
    /// </summary>
    long? MemoryInUse() => null;
}
