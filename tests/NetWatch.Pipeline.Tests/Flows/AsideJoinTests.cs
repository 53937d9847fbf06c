using NetWatch.Pipeline.Observers;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The store stage joins an observer's work run aside (<see cref="IOverlapsStore"/>) before every commit: a failure there
/// fails the stream before the session that holds the failing batch commits, keeping up (a session per write) or behind
/// (a session kept open over several writes), and its source is never told the batch is stored.
/// </summary>
public sealed class AsideJoinTests
{
    /// <summary>Runs each batch's work aside (a short delay, so the stage has gone on by then); the work of batch
    /// <paramref name="failAt"/> (1-based) throws. Joins the one before at its next call, as the visits observer does.</summary>
    private sealed class FailingAside(int failAt) : IEventObserver, IOverlapsStore
    {
        private Task? _running;
        private int _batches;

        public async Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken)
        {
            await JoinAsync(cancellationToken);
            if (batch.New.Count == 0) return;
            var n = ++_batches;
            _running = Task.Run(async () =>
            {
                await Task.Delay(30);
                if (n == failAt) throw new InvalidOperationException("the work aside failed");
            });
        }

        public Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken) => JoinAsync(cancellationToken);

        public async Task JoinAsync(CancellationToken cancellationToken)
        {
            if (_running is not { } running) return;
            _running = null;
            await running;
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_aside_fails_the_stream_before_the_session_of_its_batch_commits(bool behind)
    {
        const int blocks = 8, blockLines = 100, failAt = 4;
        var main = new RecordingMainFile();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StoreStageRun.RunAsync(new CheckpointingSide(0), main, blocks, blockLines,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = behind ? TimeSpan.Zero : TimeSpan.FromHours(1) },
            [new FailingAside(failAt)]));
        Assert.Contains("the work aside failed", error.ToString());
        // The batches are written one a call (a write joins at most one block), numbered from 1: the failing one's lines.
        var failing = (First: (failAt - 1) * blockLines + 1L, Last: failAt * (long)blockLines);
        var committed = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.DoesNotContain(committed, line => line >= failing.First);
        // Keeping up, every batch before it committed in a session of its own.
        if (!behind) Assert.Equal(failing.First - 1, committed.Count);
    }
}
