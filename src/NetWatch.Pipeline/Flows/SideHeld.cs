using NetWatch.Core.Events;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Flows;

/// <summary>
/// The batches the store stage committed into the side file (<see cref="ISideFile"/>) while the main file checkpointed,
/// oldest first, kept with their notes for the observers until a main session takes them; after a restart, what the side
/// file still held (without notes: attribution's pending findings of those events are lost with the process, as a
/// crash loses the last interval of findings anyway).
/// </summary>
internal sealed class SideHeld
{
    private readonly List<(long Sequence, EventBatch Batch, IReadOnlyList<object> Notes, Checkpoint? Checkpoint)> _held = [];

    public int Count => _held.Count;

    /// <summary>Events held (the store stage waits for the checkpoint rather than hold more than its bound).</summary>
    public long Events { get; private set; }

    public void Add(long sequence, EventBatch batch, IReadOnlyList<object> notes, Checkpoint? checkpoint)
    {
        _held.Add((sequence, batch, notes, checkpoint));
        Events += batch.Events.Count;
    }

    public void Recover(IReadOnlyList<SideEntry> pending)
    {
        foreach (var entry in pending) Add(entry.Sequence, entry.Batch, [], entry.Checkpoint);
    }

    /// <summary>
    /// How many of the oldest held batches one move step takes: as many as hold at most <paramref name="events"/> events
    /// together, and at least two (when two are held): the store stage adds one batch a step, so what is held shrinks by
    /// a batch a step at least and the move ends (with "at least one", batches of one size came to a standstill: each
    /// step moved one 24,000-event batch while one came in, at 50,000 lines/s).
    /// </summary>
    public int Front(long events)
    {
        var count = Math.Min(2, _held.Count);
        var sum = 0L;
        for (var i = 0; i < count; i++) sum += _held[i].Batch.Events.Count;
        while (count < _held.Count && sum + _held[count].Batch.Events.Count <= events) sum += _held[count++].Batch.Events.Count;
        return count;
    }

    /// <summary>The side file's sequence of the <paramref name="count"/>th oldest held batch.</summary>
    public long SequenceAt(int count) => _held[count - 1].Sequence;

    /// <summary>
    /// The <paramref name="count"/> oldest held batches as runs of one source each, joined (<see cref="BatchMerger"/>),
    /// each with its last checkpoint.
    /// </summary>
    public IEnumerable<(EventBatch Batch, IReadOnlyList<object> Notes, Checkpoint? Checkpoint)> Runs(int count)
    {
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i < count && _held[i].Batch.Source == _held[start].Batch.Source) continue;
            var run = _held.GetRange(start, i - start);
            start = i;
            yield return (BatchMerger.Merge(run.Select(h => h.Batch).ToList()), run.SelectMany(h => h.Notes).ToList(),
                run.Select(h => h.Checkpoint).LastOrDefault(c => c is not null));
        }
    }

    /// <summary>Forgets the <paramref name="count"/> oldest held batches (a main session took them).</summary>
    public void RemoveFront(int count)
    {
        for (var i = 0; i < count; i++) Events -= _held[i].Batch.Events.Count;
        _held.RemoveRange(0, count);
    }
}
