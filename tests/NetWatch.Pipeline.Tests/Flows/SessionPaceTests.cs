using System.Diagnostics;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The live store stage's pace: sessions start at least the interval apart, a session longer than the interval is
/// followed at once (a backlog is not slowed), and without an interval (an import) nothing ever waits.
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
            Assert.True(pace.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task The_next_session_waits_for_the_rest_of_the_interval()
    {
        var interval = TimeSpan.FromMilliseconds(300);
        var pace = new SessionPace(interval);
        Assert.True(pace.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);   // before the first session: no wait
        var started = Stopwatch.GetTimestamp();
        pace.Started();
        var next = pace.WaitAsync(CancellationToken.None);   // a quick session: the rest of the interval
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
        Assert.True(pace.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }
}
