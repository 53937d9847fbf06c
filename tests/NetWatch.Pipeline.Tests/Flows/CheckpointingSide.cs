using System.Collections.Concurrent;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// A side file whose main file checkpoints until it has taken <paramref name="checkpointFor"/> batches (or the store
/// stage waits for the checkpoint: it ends then), then never again.
/// </summary>
internal sealed class CheckpointingSide(int checkpointFor) : ISideFile
{
    private long _sequence = -1;
    private volatile bool _ended;
    public ConcurrentQueue<long> Settled { get; } = new();
    public bool Checkpointing => !_ended && _sequence + 1 < checkpointFor;
    public bool CheckpointIfDue() => false;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        _ended = true;
        return Task.CompletedTask;
    }

    public long Store(EventBatch batch, Checkpoint? checkpoint) => ++_sequence;
    public IReadOnlyList<SideEntry> Pending() => [];
    public void Settle(long sequence) => Settled.Enqueue(sequence);
    public long EventsWaiting => 0;
    public int Checkpoints => 0;
    public long LastSequence => _sequence;
}
