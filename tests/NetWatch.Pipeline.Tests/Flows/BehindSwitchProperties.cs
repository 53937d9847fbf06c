using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// When the live store stage counts as behind (<see cref="BehindSwitch"/>): the first time only after a run of full writes
/// of old lines lasting <c>sustainedFor</c>; again at once within <c>rememberedFor</c> of when it last was; it stays while
/// its writes are old or full. With both zero, it is the stage of session 38: behind at the first full, old write.
/// </summary>
public sealed class BehindSwitchProperties
{
    /// <summary>A call: its write old, full, and the milliseconds since the call before.</summary>
    public sealed record Call(bool Old, bool Full, int AfterMs);

    private static Arbitrary<Call[]> Calls =>
        (from old in Gen.Elements(true, false)
         from full in Gen.Elements(true, true, false)
         from after in Gen.Choose(0, 1_500)
         select new Call(old, full, after)).ArrayOf().ToArbitrary();

    private static List<bool> Run(BehindSwitch behind, IEnumerable<Call> calls)
    {
        var now = TimeSpan.Zero;
        var states = new List<bool>();
        foreach (var call in calls)
        {
            now += TimeSpan.FromMilliseconds(call.AfterMs);
            states.Add(behind.Next(call.Old, call.Full, now));
        }
        return states;
    }

    [Property(MaxTest = 500)]
    public Property Without_hysteresis_it_is_behind_at_the_first_full_old_write_and_stays_while_old_or_full() => Prop.ForAll(Calls, calls =>
    {
        var states = Run(new BehindSwitch(TimeSpan.Zero, TimeSpan.Zero), calls);
        var was = false;
        for (var i = 0; i < calls.Length; i++)
        {
            was = was ? calls[i].Old || calls[i].Full : calls[i].Old && calls[i].Full;
            Assert.Equal(was, states[i]);
        }
    });

    [Property(MaxTest = 500)]
    public Property The_first_time_it_is_behind_only_after_full_old_writes_call_after_call_for_the_time_set() => Prop.ForAll(Calls,
        Gen.Choose(0, 5_000).ToArbitrary(), (calls, sustainedMs) =>
    {
        var states = Run(new BehindSwitch(TimeSpan.FromMilliseconds(sustainedMs), TimeSpan.FromSeconds(30)), calls);
        var first = states.IndexOf(true);
        if (first < 0) return;
        // The calls before it back to some call at least sustainedMs earlier were all full, old writes.
        var start = first;
        var span = 0;
        while (start > 0 && calls[start - 1].Old && calls[start - 1].Full && span < sustainedMs) span += calls[start--].AfterMs;
        Assert.True(calls[first].Old && calls[first].Full);
        Assert.True(span >= sustainedMs, $"behind at call {first} after a run of {span} ms of full, old writes, {sustainedMs} ms set");
    });

    [Property(MaxTest = 500)]
    public Property Once_behind_it_stays_while_old_or_full_and_is_behind_again_at_once_within_the_time_remembered() => Prop.ForAll(Calls, calls =>
    {
        // A run of an hour is never reached in these calls: after the first behind, only the time remembered puts it
        // behind again (a full, old write within 10 s of the last call it was behind at), and it stays while old or full.
        var remembered = TimeSpan.FromSeconds(10);
        var behind = ForcedBehind(remembered);
        var now = TimeSpan.Zero;
        var lastBehind = TimeSpan.Zero;
        var was = true;
        foreach (var call in calls)
        {
            now += TimeSpan.FromMilliseconds(call.AfterMs);
            var expected = was ? call.Old || call.Full : call.Old && call.Full && now - lastBehind < remembered;
            Assert.Equal(expected, behind.Next(call.Old, call.Full, now));
            if (was || expected) lastBehind = now;
            was = expected;
        }
    });

    /// <summary>A switch whose run is an hour, put behind once (its first call a full, old write an hour into a run).</summary>
    private static BehindSwitch ForcedBehind(TimeSpan remembered)
    {
        var sw = new BehindSwitch(TimeSpan.FromHours(1), remembered);
        Assert.False(sw.Next(true, true, TimeSpan.FromHours(-1)));
        Assert.True(sw.Next(true, true, TimeSpan.Zero));
        return sw;
    }

    [Fact]
    public void A_checkpoints_queue_cleared_within_the_time_set_never_puts_it_behind()
    {
        // 30,000 lines/s below the store's limit: a 3 s checkpoint leaves ~4 full writes of lines read over a second ago,
        // 0.5 s apart, then the stage has caught up (a paced write of fresh lines).
        var behind = new BehindSwitch(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        var now = TimeSpan.Zero;
        for (var checkpoint = 0; checkpoint < 10; checkpoint++)
        {
            for (var i = 0; i < 4; i++) Assert.False(behind.Next(old: true, full: true, now += TimeSpan.FromMilliseconds(500)));
            for (var i = 0; i < 40; i++) Assert.False(behind.Next(old: false, full: false, now += TimeSpan.FromMilliseconds(250)));
        }
    }

    [Fact]
    public void A_feed_faster_than_the_store_puts_it_behind_after_the_time_set_and_again_at_once_after_a_short_catch_up()
    {
        var behind = new BehindSwitch(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        var now = TimeSpan.Zero;
        var states = Enumerable.Range(0, 8).Select(_ => behind.Next(true, true, now += TimeSpan.FromMilliseconds(500))).ToList();
        Assert.Equal([false, false, false, false, false, false, true, true], states);
        // Caught up for a call, then full, old writes again: behind at once.
        Assert.False(behind.Next(false, false, now += TimeSpan.FromSeconds(1)));
        Assert.True(behind.Next(true, true, now += TimeSpan.FromSeconds(1)));
        // Long after it was last behind, a run is needed again.
        Assert.False(behind.Next(false, false, now += TimeSpan.FromSeconds(1)));
        Assert.False(behind.Next(true, true, now += TimeSpan.FromSeconds(40)));
        Assert.True(behind.Next(true, true, now += TimeSpan.FromSeconds(3)));
    }
}
