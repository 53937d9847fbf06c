using NetWatch.Core.Events;
using NetWatch.Core.Identity;
using NetWatch.Core.Identity.Findings;
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
/// <param name="listener">Hears of each finding the first time it is stored (the alert observer), in the same session.</param>
/// <param name="writeEachBatch">Write the findings the batch's new events changed in its session (the service: a
/// crash then loses no count); otherwise findings are written every so often and at the end (an import).</param>
public sealed class FindingObserver(FindingCollector collector, IEventSearch search, bool writeEachBatch, IFindingListener? listener = null) : IEventObserver
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
        if (!_seeded && batch.Batch.Events.Count > 0) await SeedAsync(batch.Batch.Events.Min(e => e.Start ?? e.Timestamp), cancellationToken);
        if (batch.Notes.Count == 0) return;
        HashSet<EventId>? fresh = null;
        var allNew = batch.New.Count == batch.Batch.Events.Count;
        var counted = false;
        foreach (var pending in batch.Notes.OfType<PendingFindings>().Where(p => !p.IsEmpty))
        {
            collector.Commit(pending, allNew ? _ => true : id => (fresh ??= batch.New.Select(e => e.Id).ToHashSet()).Contains(id));
            counted = true;
        }
        // The findings that come from the reference data alone need no batch: they are written at the flushes.
        if (writeEachBatch && counted) await WriteChangedAsync(collector.Complete(withReferenceData: false).Select(FindingEvents.ToEvent).ToList(), session, cancellationToken);
    }

    private async Task<List<NetEvent>> WriteChangedAsync(List<NetEvent> now, IWriteSession session, CancellationToken cancellationToken)
    {
        // Only what changed since it was stored is written again.
        var changed = now.Where(f => !_stored.TryGetValue(f.Id, out var before) || before != f.Finding).ToList();
        if (changed.Count == 0) return changed;
        await session.WriteFindingsAsync(changed, cancellationToken);
        if (listener is not null)
        {
            var first = changed.Where(f => !_stored.ContainsKey(f.Id)).ToList();
            if (first.Count > 0) await listener.FirstStoredAsync(first, session, cancellationToken);
        }
        Written += changed.Count;
        foreach (var f in changed) _stored[f.Id] = f.Finding!;
        return changed;
    }

    public async Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken)
    {
        var now = collector.Complete().Select(FindingEvents.ToEvent).ToList();
        // A restart with nothing new to read still finds what the reference data alone shows (unregistered hardware):
        // those are the stored ones, not new findings (stored again, they would raise their alerts again).
        if (!_seeded && now.Count > 0)
        {
            await SeedAsync(now.Min(f => f.Timestamp), cancellationToken);
            now = collector.Complete().Select(FindingEvents.ToEvent).ToList();
        }
        var before = _stored.Keys.ToHashSet();
        var changed = await WriteChangedAsync(now, session, cancellationToken);
        if (final)
        {
            StoredNew = changed.Count(f => !before.Contains(f.Id));
            var ids = now.Select(f => f.Id).ToHashSet();
            Found = now.Concat(_stored.Where(kv => !ids.Contains(kv.Key)).Select(kv => FindingEvents.ToEvent(kv.Value))).ToList();
        }
    }

    private async Task SeedAsync(Instant first, CancellationToken cancellationToken)
    {
        _seeded = true;
        var query = new EventQuery { Findings = true, From = first - SeedWindow };
        await foreach (var e in search.StreamAsync(query, cancellationToken))
            if (e.Finding is { } f) _stored[e.Id] = f;
        collector.Seed(_stored.Values);
    }
}
