using NetWatch.Core.Visits;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The live store stage when it is behind (<see cref="PipelineOptions.BehindAfter"/>): its batches, checkpoints and all,
/// share one session until it holds a row group of new events, and none goes into the side file even while the main
/// file checkpoints; every event still reaches the main file once, in the order read, and every source is told once.
/// </summary>
public sealed class BehindSessionTests
{
    [Theory]
    [InlineData(8_000, 0)] // the main file does not checkpoint
    [InlineData(8_000, 10)] // it checkpoints through the first ten batches: behind, the stage does not use the side file
    [InlineData(30_000, 3)]
    public async Task Behind_the_batches_share_a_session_of_a_row_group_and_none_goes_into_the_side_file(int blockLines, int checkpointFor)
    {
        const int blocks = 40;
        var side = new CheckpointingSide(checkpointFor);
        var main = new RecordingMainFile();
        var (committed, stored) = await RunAsync(side, main, blocks, blockLines, TimeSpan.Zero);

        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.EventCount));
        var lines = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.Equal(Enumerable.Range(1, blocks * blockLines).Select(i => (long)i), lines);
        Assert.Equal(-1, side.LastSequence);
        // The writer is told once that the stage is behind, and once that it keeps up if the end came in a call of its own.
        Assert.Contains(string.Join(",", main.Told), new[] { "True", "True,False" });
        // Each session but the last commits once it holds a row group: with one block per call, less than a block more.
        var sessions = main.Sessions.Select(s => s.Events.Count).ToList();
        Assert.All(sessions[..^1], n => Assert.InRange(n, PipelineOptions.StoreRowGroup, PipelineOptions.StoreRowGroup + blockLines - 1));
        Assert.InRange(sessions[^1], 1, PipelineOptions.StoreRowGroup + blockLines - 1);
    }

    [Fact]
    public async Task Behind_the_batches_passed_on_at_the_commit_hold_their_counts_but_not_their_events()
    {
        // A session kept open holds its batches until it commits (their sources are told then): without their events,
        // which it has written, so that a row group's worth of events (~200 MB at 50,000 lines/s) is not kept alive.
        const int blocks = 40, blockLines = 8_000;
        var main = new RecordingMainFile();
        var (committed, stored) = await RunAsync(new CheckpointingSide(0), main, blocks, blockLines, TimeSpan.Zero);

        Assert.Equal(blocks, committed);
        Assert.Equal(blocks, stored.Count);
        Assert.All(stored, s =>
        {
            Assert.Empty(s.Batch.Events);
            Assert.Equal(blockLines, s.EventCount);
            Assert.Equal(blockLines, s.Stored);
            Assert.Equal(blockLines, s.Batch.LinesRead);
            Assert.Equal("s", s.CheckpointSource);
        });
    }

    [Fact]
    public async Task Behind_a_session_of_joined_writes_commits_at_the_block_that_fills_its_row_group()
    {
        // Writes join up to five blocks, queued while the last write took its 100 ms (how many depends on the machine's
        // load: SessionCutProperties checks the rule itself). A row group is 12.288 blocks, so a session cut only between
        // writes could hold up to a write (five blocks) more; cut at the block that fills it, less than a block more.
        const int blocks = 80, blockLines = 10_000;
        var main = new RecordingMainFile { WriteTime = TimeSpan.FromMilliseconds(100) };
        var (committed, stored) = await StoreStageRun.RunAsync(new CheckpointingSide(0), main, blocks, blockLines,
            new PipelineOptions { MaxEventsPerWrite = 5 * blockLines, BehindAfter = TimeSpan.Zero });

        // A joined write tells its source once, with its last block's checkpoint (or more often, cut where a session commits).
        Assert.InRange(committed, blocks / 5, blocks);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.EventCount));
        var lines = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.Equal(Enumerable.Range(1, blocks * blockLines).Select(i => (long)i), lines);
        Assert.All(main.Sessions.Select(s => s.Events.Count).Where(n => n >= PipelineOptions.StoreRowGroup),
            n => Assert.InRange(n, PipelineOptions.StoreRowGroup, PipelineOptions.StoreRowGroup + blockLines - 1));
    }

    [Fact]
    public async Task Behind_a_short_write_of_lines_read_long_ago_keeps_the_session_open()
    {
        // The first blocks are full writes: the stage falls behind. Then smaller blocks come one at a time (the parser
        // slower than the store): each write is a quarter full, of lines still read "long ago" (BehindAfter zero), so the
        // stage is still behind and its sessions still fill a row group; only the last may hold less.
        const int atOnce = 4, blockLines = 8_000, later = 60, laterLines = 2_000;
        var main = new RecordingMainFile();
        var committed = await StoreStageRun.RunThrottledAsync(new CheckpointingSide(0), main, atOnce, blockLines, later, laterLines,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = TimeSpan.Zero }, every: TimeSpan.FromMilliseconds(10));

        // A joined write tells its source once (with its last block's checkpoint); every line stored once, in order.
        Assert.InRange(committed, 1, atOnce + later);
        var lines = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.Equal(Enumerable.Range(1, atOnce * blockLines + later * laterLines).Select(i => (long)i), lines);
        var sessions = main.Sessions.Select(s => s.Events.Count).Where(n => n > 0).ToList();
        Assert.True(sessions.Count >= 2, string.Join(",", sessions));
        Assert.All(sessions[..^1], n => Assert.InRange(n, PipelineOptions.StoreRowGroup, PipelineOptions.StoreRowGroup + blockLines - 1));
        // Told behind once, never that it keeps up but (perhaps) at the end.
        Assert.Contains(string.Join(",", main.Told), new[] { "True", "True,False" });
    }

    [Fact]
    public async Task Behind_a_session_left_open_commits_once_the_feed_goes_quiet()
    {
        // Ten blocks, each a full write read "long ago" (BehindAfter zero): one session kept open, short of its row group.
        // Then the feed sends nothing and does not end: the session commits once it has been quiet for CommitWhenQuiet,
        // not at the next periodic flush (none here) or the end (none comes).
        const int blocks = 10, blockLines = 8_000;
        var main = new RecordingMainFile();
        var committed = await StoreStageRun.RunThenQuietAsync(new CheckpointingSide(0), main, blocks, blockLines,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = TimeSpan.Zero, CommitWhenQuiet = TimeSpan.FromMilliseconds(200) },
            wait: TimeSpan.FromSeconds(30));

        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, main.Sessions.Sum(s => s.Events.Count));
        // Told behind with the first block, and that it keeps up with the idle marker's call (under load, an idle marker may
        // also come between blocks: then the stage is told each change, alternately).
        var told = main.Told.ToList();
        Assert.True(told[0]);
        Assert.False(told[^1]);
        Assert.All(told.Zip(told.Skip(1)), p => Assert.NotEqual(p.First, p.Second));
    }

    [Fact]
    public async Task Behind_the_writer_is_told_it_writes_nothing_while_a_checkpoint_its_commit_started_runs()
    {
        // Every commit starts a checkpoint, which runs until the stage waits for it: the stage says "not behind" once it
        // has committed (the checkpoint may have what the writer holds back while writing), and "behind" again before its
        // next session's first write.
        const int blocks = 40, blockLines = 8_000;
        var main = new RecordingMainFile();
        var side = new CheckpointAtEachCommit(() => main.Told.IsEmpty ? null : main.Told.Last());
        var (committed, stored) = await StoreStageRun.RunAsync(side, main, blocks, blockLines,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = TimeSpan.Zero });

        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.EventCount));
        var sessions = main.Sessions.Count(s => s.Events.Count > 0);
        Assert.True(sessions >= 2, $"{sessions} sessions");
        Assert.True(side.Started >= sessions - 1, $"{side.Started} checkpoints started, {sessions} sessions");
        // Each write of events comes after "behind"; while the stage waits for a checkpoint, the writer last heard "not behind".
        Assert.All(main.ToldAtWrites, t => Assert.True(t));
        Assert.NotEmpty(side.ToldAtWaits);
        Assert.All(side.ToldAtWaits, t => Assert.False(t));
        var told = main.Told.ToList();
        Assert.True(told.Count(t => !t) >= side.Started - 1, string.Join(",", told));
        Assert.All(told.Zip(told.Skip(1)), p => Assert.NotEqual(p.First, p.Second)); // only changes are told
        Assert.Equal(-1, side.LastSequence); // behind, nothing went into the side file meanwhile
    }

    [Fact]
    public async Task A_session_left_open_and_written_once_the_stage_has_caught_up_is_written_with_the_writer_told_it_keeps_up()
    {
        // Four full writes of lines read long ago: the stage falls behind, and its session (short of a row group) stays
        // open. Then a short write of lines read just now: the stage has caught up, but the session still open takes the
        // write before it commits. The writer must hear "keeping up" before that write (DuckDB on all its threads), not
        // "behind" again (one thread, while the stage keeps up).
        const int blockLines = 8_000, lastLines = 1_000;
        var main = new RecordingMainFile();
        var longAgo = TimeSpan.FromMinutes(1);
        var blocks = Enumerable.Repeat((blockLines, longAgo), 4).Append((lastLines, TimeSpan.Zero)).ToList();
        var committed = await StoreStageRun.RunReadAgoAsync(new CheckpointingSide(0), main, blocks,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = TimeSpan.FromSeconds(30) });

        Assert.Equal(blocks.Count, committed);
        // One session took every block (the last was written into the session left open), each line once, in order.
        var withEvents = main.Sessions.Where(s => s.Events.Count > 0).ToList();
        Assert.Single(withEvents);
        Assert.Equal(Enumerable.Range(1, 4 * blockLines + lastLines).Select(i => (long)i), withEvents[0].Events.Select(e => e.Origin.LineNumber));
        var atWrites = main.ToldAtWrites.ToList();
        Assert.Equal(blocks.Count, atWrites.Count);
        Assert.All(atWrites[..^1], t => Assert.True(t));
        Assert.False(atWrites[^1]);
        Assert.Equal([true, false], main.Told);
    }

    [Fact]
    public async Task Keeping_up_each_joined_write_is_a_session_of_its_own()
    {
        const int blocks = 20, blockLines = 8_000;
        var main = new RecordingMainFile();
        var (committed, stored) = await RunAsync(new CheckpointingSide(0), main, blocks, blockLines, behindAfter: TimeSpan.FromHours(1));

        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.EventCount));
        Assert.All(main.Sessions, s => Assert.Equal(blockLines, s.Events.Count));
        Assert.Empty(main.Told);
    }

    [Fact]
    public async Task Behind_a_session_writes_each_visit_once_and_stores_at_each_commit_what_a_session_per_write_stores()
    {
        const int blocks = 40, blockLines = 8_000;
        var behind = new RecordingMainFile();
        var keepingUp = new RecordingMainFile();
        await RunWithVisitsAsync(behind, blocks, blockLines, TimeSpan.Zero);
        await RunWithVisitsAsync(keepingUp, blocks, blockLines, TimeSpan.FromHours(1));

        // Behind: sessions of several writes (a row group each), each visit written once in one.
        Assert.InRange(behind.Sessions.Count(s => s.Events.Count > 0), 2, blocks / 4);
        Assert.All(behind.VisitCommits, c => Assert.InRange(c.MostWritesOfOne, 0, 1));
        // Keeping up, the open visits are written with every write: the same visit several times between two of the
        // behind stage's commits (what the behind session saves).
        Assert.True(keepingUp.VisitCommits.Sum(c => c.Written) > 2 * behind.VisitCommits.Sum(c => c.Written),
            $"{keepingUp.VisitCommits.Sum(c => c.Written)} visits written keeping up, {behind.VisitCommits.Sum(c => c.Written)} behind");
        // At each commit of the behind stage, the store holds what the stage keeping up held after the same events.
        var keptUp = keepingUp.VisitCommits.GroupBy(c => c.EventsCommitted).ToDictionary(g => g.Key, g => Rendered(g.Last().Visits));
        foreach (var commit in behind.VisitCommits.GroupBy(c => c.EventsCommitted).Select(g => g.Last()))
            Assert.Equal(keptUp[commit.EventsCommitted], Rendered(commit.Visits));
        Assert.Equal(Rendered(keepingUp.Visits.Values), Rendered(behind.Visits.Values));
        Assert.Contains(behind.Visits.Values, v => v.EventCount > 1);
    }

    private static List<string> Rendered(IEnumerable<Core.Visits.Visit> visits) =>
        visits.Select(Observers.VisitBudgetProperties.Render).Order(StringComparer.Ordinal).ToList();

    private static Task RunWithVisitsAsync(RecordingMainFile main, int blocks, int blockLines, TimeSpan behindAfter) =>
        StoreStageRun.RunAsync(new CheckpointingSide(0), main, blocks, blockLines,
            new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = behindAfter },
            [new VisitObserver(new Observers.VisitStoreFake(), VisitAggregator.DefaultIdleGap, writeOpen: true)], () => new VisitLineParser());

    // A write joins at most one block: each call is a full joined write.
    private static Task<(int Committed, List<StoredBatch> Stored)> RunAsync(CheckpointingSide side, RecordingMainFile main, int blocks, int blockLines,
        TimeSpan behindAfter) =>
        StoreStageRun.RunAsync(side, main, blocks, blockLines, new PipelineOptions { MaxEventsPerWrite = blockLines, BehindAfter = behindAfter });
}
