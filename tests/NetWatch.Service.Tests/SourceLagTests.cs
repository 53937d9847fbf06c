using NetWatch.Service.Metrics;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests;

/// <summary>
/// netwatch_source_lag_seconds says how far behind the newest line the store is: how long the oldest line written and
/// not yet stored has waited. It falls as the store catches up, not only when a commit happens to catch up completely.
/// </summary>
public sealed class SourceLagTests
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 2, 9, 0));
    private long _fileSize;

    private SourceMetrics Source()
    {
        var source = new SourceMetrics("proxy", "file", _clock);
        source.LagBytes = () => _fileSize - source.StoredOffset;
        return source;
    }

    /// <summary>A writer appending 1,000 bytes a second; the service sampling the lag once a second.</summary>
    private void Write(SourceMetrics source, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            _clock.AdvanceSeconds(1);
            _fileSize += 1_000;
            source.LagSeconds();
        }
    }

    /// <summary>Lines are seen at the sample after they are written: the lag is known to within the time between samples.</summary>
    private static void AssertLag(double seconds, SourceMetrics source) =>
        Assert.InRange(source.LagSeconds(), Math.Max(0, seconds - 1), seconds);

    [Fact]
    public void Under_a_steady_stream_the_lag_is_the_age_of_the_oldest_line_not_stored_and_falls_as_the_store_catches_up()
    {
        var source = Source();
        Write(source, 10);                      // 10,000 bytes written over 10 s, nothing stored
        AssertLag(10, source);
        source.StoredOffset = 6_000;            // a commit stores the first 6 s of lines: 4 s behind the newest
        AssertLag(4, source);
        Write(source, 5);                       // the writer goes on, the store does not
        AssertLag(9, source);
        source.StoredOffset = 14_500;           // never fully caught up (the writer is ahead), but half a second behind
        AssertLag(1, source);
        source.StoredOffset = 15_000;
        AssertLag(0, source);
    }

    [Fact]
    public void A_rotated_file_starts_the_offsets_again_without_an_old_sample_making_up_a_lag()
    {
        var source = Source();
        Write(source, 10);
        source.StoredOffset = 10_000;
        AssertLag(0, source);
        _fileSize = 0;                          // rotation: a new, empty file
        source.StoredOffset = 0;
        Write(source, 2);
        AssertLag(2, source);
    }
}
