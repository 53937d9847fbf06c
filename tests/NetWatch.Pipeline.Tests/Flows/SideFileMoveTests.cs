using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The store stage with a side file (<see cref="ISideFile"/>): what it held while the main file checkpointed goes into the
/// main file a step at a time, the batches read meanwhile into the side file behind it, so that no batch waits for one
/// long move (issue 18's batch latency); every event still reaches the main file once, in the order it was read.
/// </summary>
public sealed class SideFileMoveTests
{
    [Theory]
    // The bound is MemoryBudget.SideHeldWrites joined writes (2 since session 23; 4 before), here as many blocks.
    [InlineData(4, 4000)] // 8,000 events held at the bound: one step
    [InlineData(2, 500)] // 1,000 held: the next batch's call moves them first, as before
    [InlineData(40, 500)] // past the bound (1,000): the stage waits for the checkpoint and moves what it holds
    [InlineData(4, 50)] // small batches: one step takes them all
    [InlineData(4, 6000)] // batches of about half a step: a step takes the two held while one comes in
    public async Task What_the_side_file_held_goes_into_the_main_file_in_steps_every_event_once_in_order(int heldBatches, int blockLines)
    {
        const int blocks = 60;
        var side = new CheckpointingSide(heldBatches);
        var main = new RecordingMainFile();
        // A write joins at most one block, so each block is one batch, into one file or the other.
        var (committed, stored) = await StoreStageRun.RunAsync(side, main, blocks, blockLines, new PipelineOptions { MaxEventsPerWrite = blockLines });

        // Every block was told it is stored, once; every event reached the main file once, in the order read.
        Assert.Equal(blocks, committed);
        Assert.Equal(blocks * blockLines, stored.Sum(s => s.EventCount));
        var lines = main.Sessions.SelectMany(s => s.Events).Select(e => e.Origin.LineNumber).ToList();
        Assert.Equal(Enumerable.Range(1, blocks * blockLines).Select(i => (long)i), lines);
        // The moves: each took the side file further, up to its last batch, and the side file forgot each step.
        var moves = main.Sessions.Where(s => s.Taken >= 0).ToList();
        Assert.Equal(moves.Select(m => m.Taken).Order(), moves.Select(m => m.Taken));
        Assert.Equal(side.LastSequence, moves[^1].Taken);
        Assert.Equal(moves.Select(m => m.Taken), side.Settled);
        // No step moved more than 8,192 events (or two batches, if more), so the batches behind it never wait for one long move.
        Assert.All(moves, m => Assert.InRange(m.Events.Count, 1, Math.Max(8_192, 2 * blockLines)));
        var held = Math.Min(heldBatches, MemoryBudget.SideHeldWrites) * blockLines;
        var most = Math.Max(8_192, 2 * blockLines);
        Assert.True(moves.Count >= (held + most - 1) / most, $"{held} events held moved in {moves.Count} steps");
    }
}
