using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// A side file whose main file starts a checkpoint whenever asked, which runs until the stage waits for it; at each wait
/// it notes what <paramref name="told"/> says the writer was last told (<see cref="IBehindAware"/>).
/// </summary>
internal sealed class CheckpointAtEachCommit(Func<bool?> told) : ISideFile
{
    public List<bool?> ToldAtWaits { get; } = [];

    private volatile bool _running;
    private long _sequence = -1;
    public int Started { get; private set; }
    public bool Checkpointing => _running;

    public bool CheckpointIfDue()
    {
        if (_running) return false;
        Started++;
        return _running = true;
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_running) ToldAtWaits.Add(told());
        _running = false;
        return Task.CompletedTask;
    }

    public long Store(EventBatch batch, Checkpoint? checkpoint) => ++_sequence;
    public IReadOnlyList<SideEntry> Pending() => [];
    public void Settle(long sequence) { }
    public long EventsWaiting => 0;
    public int Checkpoints => Started;
    public long LastSequence => _sequence;
}
