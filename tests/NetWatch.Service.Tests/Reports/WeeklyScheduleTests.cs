using NetWatch.Service.Reports;
using NodaTime;

namespace NetWatch.Service.Tests.Reports;

/// <summary>When the weekly report falls due, in the school's zone, across the clock changes.</summary>
public sealed class WeeklyScheduleTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_Monday_send_reports_the_week_before_and_falls_due_at_the_school_local_time()
    {
        var schedule = new WeeklySchedule(IsoDayOfWeek.Monday, new LocalTime(7, 30), London);
        // Mon 30 Nov 2026 07:30 GMT.
        var before = schedule.Latest(Instant.FromUtc(2026, 11, 30, 7, 29));
        Assert.Equal((Instant.FromUtc(2026, 11, 23, 7, 30), new LocalDate(2026, 11, 16), "2026-W47"), (before.Due, before.WeekStart, before.Week));
        var at = schedule.Latest(Instant.FromUtc(2026, 11, 30, 7, 30));
        Assert.Equal((Instant.FromUtc(2026, 11, 30, 7, 30), new LocalDate(2026, 11, 23), new LocalDate(2026, 11, 29), "2026-W48"), (at.Due, at.WeekStart, at.WeekEnd, at.Week));
        Assert.Equal(at, schedule.Latest(Instant.FromUtc(2026, 12, 6, 23, 59)));
        Assert.Equal(at, schedule.Next(before));
    }

    [Fact]
    public void In_summer_time_the_same_local_time_is_an_hour_earlier_in_UTC()
    {
        var schedule = new WeeklySchedule(IsoDayOfWeek.Monday, new LocalTime(7, 30), London);
        // The clocks went forward on Sun 29 Mar 2026: Monday 07:30 BST is 06:30 UTC.
        var send = schedule.Latest(Instant.FromUtc(2026, 3, 30, 6, 30));
        Assert.Equal((Instant.FromUtc(2026, 3, 30, 6, 30), new LocalDate(2026, 3, 23)), (send.Due, send.WeekStart));
        Assert.Equal(Instant.FromUtc(2026, 3, 23, 7, 30), schedule.Latest(Instant.FromUtc(2026, 3, 30, 6, 29)).Due);
    }

    [Fact]
    public void A_time_the_clocks_skip_falls_due_when_they_have_moved_on_and_a_time_that_happens_twice_the_first_time()
    {
        var schedule = new WeeklySchedule(IsoDayOfWeek.Sunday, new LocalTime(1, 30), London);
        // Sun 29 Mar 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never happens; due at 02:30 BST = 01:30 UTC.
        Assert.Equal(Instant.FromUtc(2026, 3, 22, 1, 30), schedule.Latest(Instant.FromUtc(2026, 3, 29, 1, 29)).Due);
        var spring = schedule.Latest(Instant.FromUtc(2026, 3, 29, 1, 30));
        Assert.Equal((Instant.FromUtc(2026, 3, 29, 1, 30), new LocalDate(2026, 3, 16)), (spring.Due, spring.WeekStart));
        // Sun 25 Oct 2026: 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT): due the first time, once.
        var autumn = schedule.Latest(Instant.FromUtc(2026, 10, 25, 0, 30));
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), autumn.Due);
        Assert.Equal(autumn, schedule.Latest(Instant.FromUtc(2026, 10, 25, 1, 45)));
    }
}
