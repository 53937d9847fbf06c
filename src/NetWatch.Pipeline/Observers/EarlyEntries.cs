using NetWatch.Core.Events;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// The fast-lane entries the alerts' read-ahead stored, each waiting for the bulk batch that holds its last event (the
/// bulk pipeline reads the same lines later): that batch's write session takes the entry over. Keyed by the last event,
/// so that an entry whose lines the bulk pipeline splits over two batches is taken over once all of them are stored
/// or in the session (its earlier events are found waiting in the lane meanwhile, and raise nothing).
/// </summary>
internal sealed class EarlyEntries
{
    private readonly Dictionary<EventId, StoredAhead> _byLastEvent = [];
    private readonly SortedSet<long> _sequences = [];
    private readonly Lock _lock = new();

    public void Park(StoredAhead entry)
    {
        lock (_lock)
        {
            _byLastEvent[entry.Events[^1]] = entry;
            _sequences.Add(entry.Sequence);
        }
    }

    /// <summary>The entries whose last event is among these (removed: taken over).</summary>
    public List<StoredAhead> TakeFor(IReadOnlyList<NetEvent> events)
    {
        var taken = new List<StoredAhead>();
        lock (_lock)
        {
            if (_byLastEvent.Count == 0) return taken;
            foreach (var e in events)
                if (_byLastEvent.Remove(e.Id, out var entry))
                {
                    taken.Add(entry);
                    _sequences.Remove(entry.Sequence);
                }
        }
        return taken;
    }

    /// <summary>The lowest sequence not yet taken over (the lane may forget only below it), or null.</summary>
    public long? LowestSequence
    {
        get
        {
            lock (_lock) return _sequences.Count == 0 ? null : _sequences.Min;
        }
    }

    public int Count
    {
        get { lock (_lock) return _byLastEvent.Count; }
    }
}
