using Microsoft.Extensions.Time.Testing;
using NetWatch.Pipeline.Flows;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// The live store stage's pace: sessions start at least the interval apart (the small interval after a small session),
/// a session longer than the interval is followed at once (a backlog is not slowed), and without an interval (an
/// import) nothing ever waits. On a fake clock: what is asserted is when a wait ends, not how long a loaded machine took.
/// </summary>
public class SessionPaceTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Without_an_interval_nothing_waits()
    {
        var pace = new SessionPace(null, time: _time);
        for (var i = 0; i < 3; i++)
        {
            pace.Started();
            Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);
        }
    }

    [Fact]
    public async Task The_next_session_waits_for_the_rest_of_the_interval()
    {
        var pace = new SessionPace(TimeSpan.FromMilliseconds(300), time: _time);
        Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);   // before the first session: no wait
        pace.Started();
        _time.Advance(TimeSpan.FromMilliseconds(100));                                    // a quick session
        var next = pace.WaitAsync(0, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(next.IsCompleted);                                                   // 1 ms of the interval left
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_session_longer_than_the_interval_is_followed_at_once()
    {
        var pace = new SessionPace(TimeSpan.FromMilliseconds(50), time: _time);
        pace.Started();
        _time.Advance(TimeSpan.FromMilliseconds(120));   // the session
        Assert.True(pace.WaitAsync(0, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_small_session_is_followed_after_the_small_interval_a_larger_one_after_the_interval()
    {
        var pace = new SessionPace(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(1_000), smallSession: 1_000, time: _time);

        pace.Started();
        var afterSmall = pace.WaitAsync(999, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(afterSmall.IsCompleted);            // the small interval, not the interval
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await afterSmall.WaitAsync(TimeSpan.FromSeconds(10));

        pace.Started();
        var afterLarge = pace.WaitAsync(1_000, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(afterLarge.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await afterLarge.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
