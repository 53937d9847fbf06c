using System.Reflection;
using FsCheck.Xunit;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Tests.Events;

/// <summary>
/// NetEvent derives event.end from @timestamp and event.start from @timestamp minus the duration where they are what a
/// proxy's line gives them, and keeps other values out of line: each reads back what was set whatever the order of the
/// initialiser, a <c>with</c> on @timestamp or the duration moves neither, and events of the same values are equal
/// (and hash alike) however they were built.
/// </summary>
public class NetEventDerivedTimesTests
{
    private static NetEvent Plain(Instant timestamp) => new()
    {
        Id = new EventId(1), Origin = new EventOrigin("t", 1), Timestamp = timestamp,
        Action = EventActions.Allowed, Dataset = "squid.access", ObserverProduct = "squid", Url = UrlParts.Empty,
    };

    private static Instant At(long seconds) => Instant.FromUnixTimeSeconds(seconds % 4_000_000_000);

    /// <summary>A start, end and duration that are either the derived ones or arbitrary, as the flags choose.</summary>
    private static (Instant Timestamp, Instant? Start, Instant? End, Duration? Duration) Times(
        long timestamp, int? durationMs, long? start, long? end, bool startDerived, bool endDerived)
    {
        var ts = At(timestamp);
        Duration? duration = durationMs is { } ms ? Duration.FromMilliseconds(ms) : null;
        Instant? s = startDerived ? ts - (duration ?? Duration.Zero) : start is { } x ? At(x) : null;
        Instant? e = endDerived ? ts : end is { } y ? At(y) : null;
        return (ts, s, e, duration);
    }

    [Property(MaxTest = 1000)]
    public void Every_initialiser_order_reads_back_and_builds_equal_events(long timestamp, int? durationMs, long? start, long? end, bool startDerived, bool endDerived)
    {
        var (ts, s, e, d) = Times(timestamp, durationMs, start, end, startDerived, endDerived);
        var built = new[]
        {
            Plain(ts) with { Start = s, End = e, Duration = d },
            Plain(ts) with { Duration = d, End = e, Start = s },
            Plain(ts) with { End = e, Start = s, Duration = d },
            Plain(At(timestamp + 12345)) with { Start = s, Duration = d, End = e, Timestamp = ts },
            Plain(At(timestamp - 7)) with { Timestamp = ts, End = e, Duration = d, Start = s },
        };
        foreach (var x in built)
        {
            Assert.Equal((ts, s, e, d), (x.Timestamp, x.Start, x.End, x.Duration));
            Assert.Equal(built[0], x);
            Assert.Equal(built[0].GetHashCode(), x.GetHashCode());
        }
    }

    [Property(MaxTest = 1000)]
    public void With_on_timestamp_or_duration_moves_neither_start_nor_end(long timestamp, int? durationMs, long? start, long? end, bool startDerived, bool endDerived, long newTimestamp, int? newDurationMs)
    {
        var (ts, s, e, d) = Times(timestamp, durationMs, start, end, startDerived, endDerived);
        var original = Plain(ts) with { Duration = d, Start = s, End = e };
        var newDuration = newDurationMs is { } ms ? Duration.FromMilliseconds(ms) : (Duration?)null;
        var moved = original with { Timestamp = At(newTimestamp) };
        var stretched = original with { Duration = newDuration };
        Assert.Equal((At(newTimestamp), s, e, d), (moved.Timestamp, moved.Start, moved.End, moved.Duration));
        Assert.Equal((ts, s, e, newDuration), (stretched.Timestamp, stretched.Start, stretched.End, stretched.Duration));
        Assert.Equal((ts, s, e, d), (original.Timestamp, original.Start, original.End, original.Duration));
        // Moved back, the values are the original's, and so is the event.
        Assert.Equal(original, moved with { Timestamp = ts });
        Assert.Equal(original, stretched with { Duration = d });
    }

    [Fact]
    public void A_proxy_lines_times_take_nothing_out_of_line()
    {
        var ts = Instant.FromUtc(2026, 12, 6, 9, 0);
        var e = Plain(ts) with { End = ts, Duration = Duration.FromMilliseconds(250), Start = ts - Duration.FromMilliseconds(250) };
        var rare = typeof(NetEvent).GetField("_rare", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Assert.Null(rare.GetValue(e));
        Assert.NotNull(rare.GetValue(e with { Timestamp = ts + Duration.FromSeconds(1) })); // now the end is not @timestamp
    }

    [Fact]
    public void Extreme_times_do_not_overflow()
    {
        var e = Plain(Instant.MinValue) with { Duration = Duration.FromDays(10), Start = Instant.MaxValue, End = Instant.MaxValue };
        Assert.Equal((Instant.MaxValue, Instant.MaxValue), (e.Start!.Value, e.End!.Value));
        var f = Plain(Instant.MaxValue) with { Duration = Duration.FromDays(-10), End = Instant.MaxValue, Start = Instant.MinValue };
        Assert.Equal((Instant.MinValue, Instant.MaxValue), (f.Start!.Value, f.End!.Value));
    }
}
