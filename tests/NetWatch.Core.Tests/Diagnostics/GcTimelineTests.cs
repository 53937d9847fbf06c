using NetWatch.Core.Diagnostics;

namespace NetWatch.Core.Tests.Diagnostics;

/// <summary>The GC's collections per 10 s window: what tells gen2 collections near the heap's limit from those all along.</summary>
public class GcTimelineTests
{
    private static readonly DateTime Start = new(2026, 12, 6, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Collections_pauses_and_load_are_counted_in_the_window_of_their_time()
    {
        var timeline = new GcTimeline(Start);
        timeline.Started(Start.AddSeconds(1), generation: 0, reason: 0, type: 0);
        timeline.Paused(Start.AddSeconds(1.01), 0.020);
        timeline.Started(Start.AddSeconds(9.9), generation: 2, reason: 5, type: 0);
        timeline.Paused(Start.AddSeconds(9.95), 0.300);
        timeline.MemoryLoad(Start.AddSeconds(9.95), 91);
        timeline.Started(Start.AddSeconds(25), generation: 2, reason: 0, type: 1);
        timeline.Started(Start.AddSeconds(26), generation: 2, reason: 0, type: 1);
        timeline.Started(Start.AddSeconds(27), generation: 1, reason: 0, type: 2);
        timeline.MemoryLoad(Start.AddSeconds(27), 40);

        Assert.Equal(
        [
            "gc    t 0-10 s: gen0 1 gen1 0 gen2 1 (blocking 1, background 0; reasons 5x1) pauses 0.32 s (longest 300 ms) load 91%",
            "gc    t 20-30 s: gen0 0 gen1 1 gen2 2 (blocking 0, background 2; reasons 0x2) pauses 0.00 s (longest 0 ms) load 40%",
        ], timeline.Lines());
    }

    [Fact]
    public void A_time_before_the_start_counts_in_the_first_window()
    {
        var timeline = new GcTimeline(Start);
        timeline.Started(Start.AddSeconds(-3), generation: 2, reason: 1, type: 0);
        Assert.Equal(["gc    t 0-10 s: gen0 0 gen1 0 gen2 1 (blocking 1, background 0; reasons 1x1) pauses 0.00 s (longest 0 ms) load 0%"], timeline.Lines());
    }
}
