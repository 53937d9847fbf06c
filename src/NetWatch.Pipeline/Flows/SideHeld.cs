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

    public long LastSequence => _held[^1].Sequence;

    public void Add(long sequence, EventBatch batch, IReadOnlyList<object> notes, Checkpoint? checkpoint)
    {
        _held.Add((sequence, batch, notes, checkpoint));
        Events += batch.Events.Count;
    }

    public void Recover(IReadOnlyList<SideEntry> pending)
    {
        foreach (var entry in pending) Add(entry.Sequence, entry.Batch, [], entry.Checkpoint);
    }

    /// <summary>The held batches as runs of one source each, joined (<see cref="BatchMerger"/>), each with its last checkpoint.</summary>
    public IEnumerable<(EventBatch Batch, IReadOnlyList<object> Notes, Checkpoint? Checkpoint)> Runs()
    {
        var start = 0;
        for (var i = 1; i <= _held.Count; i++)
        {
            if (i < _held.Count && _held[i].Batch.Source == _held[start].Batch.Source) continue;
            var run = _held.GetRange(start, i - start);
            start = i;
            yield return (BatchMerger.Merge(run.Select(h => h.Batch).ToList()), run.SelectMany(h => h.Notes).ToList(),
                run.Select(h => h.Checkpoint).LastOrDefault(c => c is not null));
        }
    }

    public void Clear()
    {
        _held.Clear();
        Events = 0;
    }
}
