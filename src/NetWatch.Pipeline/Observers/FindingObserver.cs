using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// Attribution's findings (shared passwords, unattributed volume, concurrent logons, unregistered hardware). The
/// attribution stage notes what each batch's events contribute (a deferred <see cref="FindingCollector"/>); this
/// observer counts the contributions of the events that were new, and writes the findings as they stand every so
/// often and at the end, each replacing its earlier version (a finding keeps its id while its counts grow). Before
/// the first batch it seeds the collector with the findings stored within two days before it, so a restart or a
/// later import continues them rather than starting second ones.
/// </summary>
public sealed class FindingObserver(FindingCollector collector, IEventSearch search) : IEventObserver
{
    /// <summary>How far before the first batch a stored finding may have started and still be continued.</summary>
    public static readonly Duration SeedWindow = Duration.FromDays(2);

    private readonly Dictionary<EventId, Finding> _stored = [];
    private bool _seeded;

    /// <summary>Findings written so far (each version counted).</summary>
    public long Written { get; private set; }

    /// <summary>After the final flush: every finding known (found now or stored before), and how many were stored for the first time.</summary>
    public IReadOnlyList<NetEvent> Found { get; private set; } = [];
    public int StoredNew { get; private set; }

    public async Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken)
    {
        if (!_seeded && batch.Batch.Events.Count > 0) await SeedAsync(batch.Batch, cancellationToken);
        if (batch.Notes.Count == 0) return;
        HashSet<EventId>? fresh = null;
        var allNew = batch.New.Count == batch.Batch.Events.Count;
        foreach (var pending in batch.Notes.OfType<PendingFindings>())
            collector.Commit(pending, allNew ? _ => true : id => (fresh ??= batch.New.Select(e => e.Id).ToHashSet()).Contains(id));
    }

    public async Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken)
    {
        var now = collector.Complete().Select(FindingEvents.ToEvent).ToList();
        // Only what changed since it was stored is written again.
        var changed = now.Where(f => !_stored.TryGetValue(f.Id, out var before) || before != f.Finding).ToList();
        if (changed.Count > 0) await session.WriteFindingsAsync(changed, cancellationToken);
        Written += changed.Count;
        if (final)
        {
            StoredNew = changed.Count(f => !_stored.ContainsKey(f.Id));
            var ids = now.Select(f => f.Id).ToHashSet();
            Found = now.Concat(_stored.Where(kv => !ids.Contains(kv.Key)).Select(kv => FindingEvents.ToEvent(kv.Value))).ToList();
        }
        foreach (var f in changed) _stored[f.Id] = f.Finding!;
    }

    private async Task SeedAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        _seeded = true;
        var first = batch.Events.Min(e => e.Start ?? e.Timestamp);
        var query = new EventQuery { Findings = true, From = first - SeedWindow };
        await foreach (var e in search.StreamAsync(query, cancellationToken))
            if (e.Finding is { } f) _stored[e.Id] = f;
        collector.Seed(_stored.Values);
    }
}
