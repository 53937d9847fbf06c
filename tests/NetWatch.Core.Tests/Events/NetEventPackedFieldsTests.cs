using FsCheck.Xunit;
using NetWatch.Core.Events;
using NodaTime;

namespace NetWatch.Core.Tests.Events;

/// <summary>
/// NetEvent keeps its value-typed optional fields (start, end, duration, status, bytes, ingested) as a value and a
/// bit: each reads back what was set, null included, whatever the others hold and however often <c>with</c> changed
/// them, and two events of the same values are equal (and hash alike) whatever way they were built.
/// </summary>
public class NetEventPackedFieldsTests
{
    private static NetEvent Plain() => new()
    {
        Id = new EventId(1), Origin = new EventOrigin("t", 1), Timestamp = Instant.FromUtc(2026, 12, 5, 9, 0),
        Action = EventActions.Allowed, Dataset = "squid.access", ObserverProduct = "squid", Url = UrlParts.Empty,
    };

    private static Instant? At(long? seconds) => seconds is { } s ? Instant.FromUnixTimeSeconds(s % 4_000_000_000) : null;

    [Property(MaxTest = 500)]
    public void Each_field_reads_back_what_was_set(long? start, long? end, int? durationMs, int? status, long? bytes, long? ingested)
    {
        var duration = durationMs is { } ms ? Duration.FromMilliseconds(ms) : (Duration?)null;
        var e = Plain() with { Start = At(start), End = At(end), Duration = duration, StatusCode = status, ResponseBytes = bytes, Ingested = At(ingested) };
        Assert.Equal((At(start), At(end), duration, status, bytes, At(ingested)), (e.Start, e.End, e.Duration, e.StatusCode, e.ResponseBytes, e.Ingested));
    }

    [Property(MaxTest = 500)]
    public void Set_then_cleared_equals_never_set(long? start, int? status, long? bytes, long? ingested, long cleared)
    {
        // Every field first set to something, then to the values asked (null included): equal to an event built with those values at once.
        var direct = Plain() with { Start = At(start), StatusCode = status, ResponseBytes = bytes, Ingested = At(ingested) };
        var changed = Plain() with { Start = At(cleared), End = At(cleared), Duration = Duration.FromSeconds(cleared % 1000), StatusCode = (int)(cleared % 600), ResponseBytes = cleared, Ingested = At(cleared) };
        changed = changed with { Start = At(start), End = null, Duration = null, StatusCode = status, ResponseBytes = bytes, Ingested = At(ingested) };
        Assert.Equal(direct, changed);
        Assert.Equal(direct.GetHashCode(), changed.GetHashCode());
    }

    [Fact]
    public void A_zero_value_is_not_an_absent_one()
    {
        var zero = Plain() with { StatusCode = 0, ResponseBytes = 0, Duration = Duration.Zero, Start = Instant.FromUnixTimeTicks(0) };
        Assert.Equal((0, 0L, Duration.Zero, Instant.FromUnixTimeTicks(0)), (zero.StatusCode, zero.ResponseBytes, zero.Duration, zero.Start));
        Assert.NotEqual(Plain(), zero);
        Assert.Null(Plain().StatusCode);
        Assert.Null(Plain().Start);
    }

    [Fact]
    public void A_copys_change_does_not_reach_the_original()
    {
        var original = Plain() with { StatusCode = 200, Ingested = Instant.FromUtc(2026, 12, 5, 9, 1) };
        var copy = original with { StatusCode = null, Ingested = null, End = original.Timestamp };
        Assert.Equal((200, Instant.FromUtc(2026, 12, 5, 9, 1), (Instant?)null), (original.StatusCode, original.Ingested, original.End));
        Assert.Equal(((int?)null, (Instant?)null, original.Timestamp), (copy.StatusCode, copy.Ingested, copy.End));
    }
}
