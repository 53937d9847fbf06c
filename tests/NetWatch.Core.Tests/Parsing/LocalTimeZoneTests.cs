using NetWatch.Core.Parsing;
using NodaTime;
using static NetWatch.Core.Tests.Parsing.ParseHelper;

namespace NetWatch.Core.Tests.Parsing;

/// <summary>e2guardian fmt 1/2/4 log local time without an offset: the configured zone decides the instant.</summary>
public class LocalTimeZoneTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static Instant Fmt1At(string localTime, DateTimeZone zone) => Event(LogFormats.E2Guardian1,
        $"{localTime} p.jones 127.0.10.21 http://a.example/ - GET 1 0 - 1 200 - 127.0.10.21 pupils UA - - - -", zone).Timestamp;

    [Fact]
    public void Winter_london_time_is_utc() =>
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 22, 26, 19), Fmt1At("2026.11.22 22:26:19", London));

    [Fact]
    public void Summer_london_time_is_an_hour_ahead_of_utc() =>
        Assert.Equal(Instant.FromUtc(2026, 7, 1, 11, 0, 0), Fmt1At("2026.07.01 12:00:00", London));

    [Fact]
    public void The_default_zone_is_london() =>
        Assert.Equal("Europe/London", ParserOptions.Default.TimeZone.Id);

    [Fact]
    public void In_the_repeated_autumn_hour_the_earlier_instant_is_taken() =>
        // 25 Oct 2026: 01:30 happens at 00:30Z (BST) and again at 01:30Z (GMT).
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30, 0), Fmt1At("2026.10.25 01:30:00", London));

    [Fact]
    public void A_time_in_the_skipped_spring_hour_is_moved_forward_by_the_gap() =>
        // 29 Mar 2026: clocks go from 01:00 GMT to 02:00 BST; 01:30 does not exist and reads as 02:30 BST = 01:30Z.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30, 0), Fmt1At("2026.03.29 01:30:00", London));

    [Fact]
    public void Another_zone_shifts_the_instant() =>
        Assert.Equal(Instant.FromUtc(2026, 11, 22, 21, 26, 19), Fmt1At("2026.11.22 22:26:19", DateTimeZoneProviders.Tzdb["Europe/Paris"]));
}
