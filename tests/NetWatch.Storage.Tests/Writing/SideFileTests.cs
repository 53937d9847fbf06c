using DuckDB.NET.Data;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;

namespace NetWatch.Storage.Tests.Writing;

/// <summary>
/// The live service's side file (<see cref="Contracts.Writing.ISideFile"/>): batches committed there while the main file
/// checkpoints are what the source resumes after, survive a restart, are not read by searches until the main file takes
/// them, and once a main session that took them committed they are never taken again, even when the process died before
/// the side file forgot them.
/// </summary>
public sealed class SideFileTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    private DuckDbStore Open() => DuckDbStore.Open(_dir.Path, sideFileWal: 1L << 20);

    private static EventBatch Batch(int from, int count, params DeadLetter[] dead) =>
        new("proxy", Enumerable.Range(from, count).Select(i => TestEvents.Minimal(i)).ToList(), dead, count + dead.Length, from + count + dead.Length - 1);

    private static Checkpoint At(long offset) => new("proxy", "file", $"{{\"offset\":{offset}}}");

    [Fact]
    public async Task Side_entries_survive_a_restart_give_the_later_position_and_are_taken_once()
    {
        var dead = new DeadLetter("access.log", 4, "garbage", "unparsable", null, TestEvents.Base);
        using (var store = Open())
        {
            // The main file has the source at offset 10 (a normal commit), then two batches go to the side file.
            using (var session = store.Writer.Begin())
            {
                await session.WriteEventsAsync(Batch(1, 2).Events, None);
                await session.SaveCheckpointAsync(At(10), new CheckpointTotals(2, 2, 0, 0), None);
                await session.CommitAsync(None);
            }
            var side = store.Side!;
            Assert.Equal(0, side.Store(Batch(3, 1, dead), At(20)));
            Assert.Equal(1, side.Store(Batch(5, 3), At(30)));
            Assert.Equal(4, side.EventsWaiting);

            // The source resumes after the side file's last batch; its totals count the side file's batches.
            var checkpoint = (await store.Checkpoints.ReadAllAsync(None))["proxy"];
            Assert.Equal(At(30), checkpoint.Checkpoint);
            Assert.Equal(new CheckpointTotals(2 + 2 + 3, 2 + 1 + 3, 0, 1), checkpoint.Totals);
            // Reads see the main file only: the side file's events wait for the move (README: reads may lag by a checkpoint).
            Assert.Equal(2, await store.Search.CountAsync(EventQuery.All, None));
        }

        // A restart (the process gone with the side file full): it is all there, in order.
        using (var store = Open())
        {
            var side = store.Side!;
            var pending = side.Pending();
            Assert.Equal([0L, 1L], pending.Select(p => p.Sequence));
            Assert.Equal([3L], pending[0].Batch.Events.Select(e => e.Origin.LineNumber));
            Assert.Equal([5L, 6L, 7L], pending[1].Batch.Events.Select(e => e.Origin.LineNumber));
            Assert.Equal(dead, Assert.Single(pending[0].Batch.DeadLetters));
            Assert.Equal(At(30), pending[1].Checkpoint);
            Assert.Equal((await store.Checkpoints.ReadAllAsync(None))["proxy"].Checkpoint, At(30));

            // A main session takes them, and the process dies before the side file forgets them.
            using var session = store.Writer.Begin();
            foreach (var entry in pending)
            {
                await session.WriteEventsAsync(entry.Batch.Events, None);
                await session.WriteDeadLettersAsync(entry.Batch.DeadLetters, None);
                await session.SaveCheckpointAsync(entry.Checkpoint!, new CheckpointTotals(entry.Batch.LinesRead, entry.Batch.Events.Count, 0, entry.Batch.DeadLetters.Count), None);
            }
            await session.TakeSideAsync(pending[^1].Sequence, None);
            await session.CommitAsync(None);
        }

        using (var store = Open())
        {
            var side = store.Side!;
            // Taken: never moved again, and the totals count each batch once (from the main file alone).
            Assert.Empty(side.Pending());
            var checkpoint = (await store.Checkpoints.ReadAllAsync(None))["proxy"];
            Assert.Equal(At(30), checkpoint.Checkpoint);
            Assert.Equal(new CheckpointTotals(7, 6, 0, 1), checkpoint.Totals);
            Assert.Equal(6, await store.Search.CountAsync(EventQuery.All, None));
            // A new entry is numbered after the taken ones, so the main file's mark never covers it.
            Assert.Equal(2, side.Store(Batch(20, 1), At(40)));
            Assert.Equal([2L], side.Pending().Select(p => p.Sequence));
            side.Settle(2);
            Assert.Empty(side.Pending());
            Assert.Equal(0, side.EventsWaiting);
        }
        Assert.Equal(0, SideRows("SELECT (SELECT count(*) FROM side_entries) + (SELECT count(*) FROM side_events) + (SELECT count(*) FROM side_dead_letters)"));
    }

    [Fact]
    public async Task The_main_file_checkpoints_in_the_background_once_its_wal_passes_the_threshold()
    {
        using var store = Open();
        var side = store.Side!;
        Assert.False(side.CheckpointIfDue());
        var wal = Path.Combine(_dir.Path, DuckDbStore.FileName + ".wal");
        for (var round = 0; new FileInfo(wal) is { Exists: false } or { Length: < 1L << 20 }; round++)
        {
            Assert.True(round < 100, "the WAL never reached 1 MB");
            using var session = store.Writer.Begin();
            await session.WriteEventsAsync(Enumerable.Range(round * 1_000 + 1, 1_000).Select(i => TestEvents.Full(i)).ToList(), None);
            await session.CommitAsync(None);
        }
        Assert.True(side.CheckpointIfDue());
        // While it runs, a batch commits into the side file.
        side.Store(Batch(1_000_000, 10), At(1));
        await side.WaitAsync(None);
        Assert.False(side.Checkpointing);
        Assert.Equal(1, side.Checkpoints);
        Assert.True(new FileInfo(wal) is { Exists: false } or { Length: < 1L << 20 }, "the checkpoint left the WAL as it was");
        Assert.Single(side.Pending());
    }

    [Fact]
    public void Side_commits_only_write_the_wal_and_the_emptied_side_file_checkpoints()
    {
        using var store = Open();
        var side = store.Side!;
        var wal = Path.Combine(_dir.Path, DuckDbStore.SideFileName + ".wal");
        // Past twice DuckDB's default threshold (16 MB), at which a commit would have checkpointed the side file (and
        // the WAL started again, never past 16 MB and a batch).
        long last = -1;
        for (var round = 0; new FileInfo(wal) is { Exists: false } or { Length: < 32L << 20 }; round++)
        {
            Assert.True(round < 200, "the side file's WAL never reached 32 MB");
            last = side.Store(new EventBatch("proxy", Enumerable.Range(round * 2_000 + 1, 2_000).Select(i => TestEvents.Full(i)).ToList(), [], 2_000, (round + 1) * 2_000L), At(round));
        }
        side.Settle(last);
        Assert.Equal(0, side.EventsWaiting);
        Assert.True(new FileInfo(wal) is { Exists: false } or { Length: < 1L << 20 }, "the emptied side file kept its WAL");
        Assert.Empty(side.Pending());
    }

    private long SideRows(string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(_dir.Path, DuckDbStore.SideFileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose() => _dir.Dispose();
}
