using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary><see cref="SessionCut"/>: a session kept open commits at the first block that may end it and fills its row group.</summary>
public sealed class SessionCutProperties
{
    [Property(MaxTest = 500)]
    public Property The_session_takes_the_blocks_up_to_the_first_that_may_end_it_and_fills_it()
    {
        var gen = from blocks in Gen.Zip(Gen.Choose(0, 5_000), Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))).ListOf()
                  from room in Gen.Choose(1, 30_000)
                  select (blocks, room);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (blocks, room) = t;
            var taken = SessionCut.BlocksToFill(blocks, room, b => b.Item1, b => b.Item2);
            var filledAt = Enumerable.Range(0, blocks.Count)
                .FirstOrDefault(i => blocks.Take(i + 1).Sum(b => b.Item1) >= room && blocks[i].Item2, -1);
            return taken == (filledAt < 0 ? blocks.Count : filledAt + 1);
        });
    }

    [Fact]
    public void A_run_that_does_not_fill_the_session_goes_in_whole()
    {
        Assert.Equal(3, SessionCut.BlocksToFill(new[] { 100, 200, 300 }, 601, n => n, _ => true));
        Assert.Equal(3, SessionCut.BlocksToFill(new[] { 100, 200, 300 }, 600, n => n, _ => true));
        Assert.Equal(2, SessionCut.BlocksToFill(new[] { 100, 200, 300 }, 250, n => n, _ => true));
        // The block that fills it cannot end a session (no checkpoint of its own): the next that can.
        Assert.Equal(3, SessionCut.BlocksToFill(new[] { 100, 200, 300, 400 }, 250, n => n, n => n != 200));
    }
}
