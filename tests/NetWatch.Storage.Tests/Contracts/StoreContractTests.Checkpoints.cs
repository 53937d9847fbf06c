using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_checkpoint_is_read_back_after_reopening_with_the_totals_of_every_batch_added_up()
    {
        using (var session = Store.Writer.Begin())
        {
            await session.WriteEventsAsync([TestEvents.Minimal(1), TestEvents.Minimal(2)], None);
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "offset=300"), new CheckpointTotals(3, 2, 0, 1), None);
            await session.SaveCheckpointAsync(new Checkpoint("syslog", "syslog-udp", "seq=9"), new CheckpointTotals(9, 9, 0, 0), None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
        {
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "offset=400"), new CheckpointTotals(1, 0, 1, 0), None);
            await session.CommitAsync(None);
        }

        var read = await Reopen().Checkpoints.ReadAllAsync(None);
        Assert.Equal(["proxy", "syslog"], read.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new Checkpoint("proxy", "file", "offset=400"), read["proxy"].Checkpoint);
        Assert.Equal(new CheckpointTotals(4, 2, 1, 1), read["proxy"].Totals);
        Assert.Equal(new Checkpoint("syslog", "syslog-udp", "seq=9"), read["syslog"].Checkpoint);
        Assert.Equal(new CheckpointTotals(9, 9, 0, 0), read["syslog"].Totals);
        Assert.True(read["proxy"].UpdatedAt >= read["syslog"].UpdatedAt);
    }

    [Fact]
    public async Task A_checkpoint_of_a_session_disposed_without_commit_is_not_read_back()
    {
        if (!RollsBackUncommittedSessions) return;
        using (var session = Store.Writer.Begin())
        {
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "a"), new CheckpointTotals(1, 1, 0, 0), None);
            await session.CommitAsync(None);
        }
        using (var session = Store.Writer.Begin())
            await session.SaveCheckpointAsync(new Checkpoint("proxy", "file", "b"), new CheckpointTotals(5, 5, 0, 0), None);

        var read = (await Store.Checkpoints.ReadAllAsync(None))["proxy"];
        Assert.Equal("a", read.Checkpoint.Position);
        Assert.Equal(new CheckpointTotals(1, 1, 0, 0), read.Totals);
    }
}
