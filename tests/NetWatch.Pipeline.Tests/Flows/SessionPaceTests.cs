using System.Diagnostics;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The live store stage's pace: sessions start at least the interval apart (the small interval after a small session),
/// a session longer than the interval is followed at once (a backlog is not slowed), and without an interval (an
/// import) nothing ever waits.
/// </summary>
public class SessionPaceTests
{
    [Fact]
    public void Without_an_interval_nothing_waits()
    {
        var pace = new SessionPace(null);
        for (var i = 0; i < 3; i++)
        {
            pace.Started();
            Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task The_next_session_waits_for_the_rest_of_the_interval()
    {
        var interval = TimeSpan.FromMilliseconds(300);
        var pace = new SessionPace(interval);
        Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);   // before the first session: no wait
        var started = Stopwatch.GetTimestamp();
        pace.Started();
        var next = pace.WaitAsync(0, CancellationToken.None);   // a quick session: the rest of the interval
        Assert.False(next.IsCompleted);
        await next;
        // Timers may fire a tick early; never much more than that.
        Assert.True(Stopwatch.GetElapsedTime(started) >= interval - TimeSpan.FromMilliseconds(20), $"waited {Stopwatch.GetElapsedTime(started)}");
    }

    [Fact]
    public async Task A_session_longer_than_the_interval_is_followed_at_once()
    {
        var pace = new SessionPace(TimeSpan.FromMilliseconds(50));
        pace.Started();
        await Task.Delay(120);   // the session
        Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_small_session_is_followed_after_the_small_interval_a_larger_one_after_the_interval()
    {
        var interval = TimeSpan.FromMilliseconds(50);
        var small = TimeSpan.FromMilliseconds(1_000);
        var pace = new SessionPace(interval, small, smallSession: 1_000);

        pace.Started();
        var started = Stopwatch.GetTimestamp();
        await pace.WaitAsync(999, CancellationToken.None);
        var afterSmall = Stopwatch.GetElapsedTime(started);

        pace.Started();
        started = Stopwatch.GetTimestamp();
        await pace.WaitAsync(1_000, CancellationToken.None);
        var afterLarge = Stopwatch.GetElapsedTime(started);

        // Timers may fire a tick early; a loaded machine may fire them late, but never the small interval early.
        Assert.True(afterSmall >= small - TimeSpan.FromMilliseconds(20), $"after a small session waited {afterSmall}");
        Assert.True(afterLarge < small - TimeSpan.FromMilliseconds(300), $"after a larger session waited {afterLarge}");
    }
}
