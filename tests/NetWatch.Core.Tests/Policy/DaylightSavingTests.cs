using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NodaTime;

namespace NetWatch.Core.Tests.Policy;

/// <summary>
/// Clocks change in Europe/London at 01:00 UTC on the last Sunday of March (01:00 GMT becomes 02:00 BST: local
/// 01:00-01:59 never happens) and of October (02:00 BST becomes 01:00 GMT: local 01:00-01:59 happens twice).
/// </summary>
public class DaylightSavingTests
{
    static Instant Utc(int y, int mo, int d, int h, int mi, int s = 0) => Instant.FromUtc(y, mo, d, h, mi, s);

    // A caretaker who works Sunday nights 00:00-03:00 with a break 01:00-02:00, to see the skipped and repeated hour.
    static readonly PolicyEngine NightShift = TestPolicies.Engine(TestPolicies.WithWeek("""
        sunday:
          working: "00:00-03:00"
          breaks: { night-break: "01:00-02:00" }
        """));

    public static TheoryData<string, string, string, int> SpringForward => new()
    {
        // UTC instant            local time               offset h
        { "2026-03-29T00:30:00Z", "2026-03-29T00:30:00", "working", 0 },
        { "2026-03-29T00:59:59Z", "2026-03-29T00:59:59", "working", 0 },
        // local 01:30 does not exist: the next instant after 00:59:59 GMT is 02:00:00 BST
        { "2026-03-29T01:00:00Z", "2026-03-29T02:00:00", "working", 1 },
        { "2026-03-29T01:30:00Z", "2026-03-29T02:30:00", "working", 1 },
        { "2026-03-29T02:30:00Z", "2026-03-29T03:30:00", "outside", 1 },
    };

    public static TheoryData<string, string, string, int> FallBack => new()
    {
        { "2026-10-24T23:30:00Z", "2026-10-25T00:30:00", "working", 1 },
        // local 01:30 happens twice: first in BST, then in GMT; both are in the 01:00-02:00 break
        { "2026-10-25T00:30:00Z", "2026-10-25T01:30:00", "break", 1 },
        { "2026-10-25T01:30:00Z", "2026-10-25T01:30:00", "break", 0 },
        { "2026-10-25T01:59:59Z", "2026-10-25T01:59:59", "break", 0 },
        { "2026-10-25T02:00:00Z", "2026-10-25T02:00:00", "working", 0 },
        { "2026-10-25T02:30:00Z", "2026-10-25T02:30:00", "working", 0 },
    };

    [Theory]
    [MemberData(nameof(SpringForward))]
    [MemberData(nameof(FallBack))]
    public void Instants_on_clock_change_days_get_the_right_local_time_and_period(string utc, string local, string period, int offsetHours)
    {
        var instant = NodaTime.Text.InstantPattern.General.Parse(utc).Value;
        var t = NightShift.Resolve(instant);
        Assert.Equal(NodaTime.Text.LocalDateTimePattern.ExtendedIso.Parse(local).Value, t.Local);
        Assert.Equal(Offset.FromHours(offsetHours), t.Offset);
        Assert.Equal(period, PeriodKinds.Name(t.Period));
    }

    [Fact]
    public void The_repeated_hour_is_judged_the_same_both_times_and_the_skipped_hour_never_occurs()
    {
        var e = (Instant at) => PolicyEvents.Make(at, "http://www.facebook.com/", ["social_networks"]);
        Assert.Equal(Verdicts.PersonalBreak, NightShift.Decide(e(Utc(2026, 10, 25, 0, 30))).Verdict);
        Assert.Equal(Verdicts.PersonalBreak, NightShift.Decide(e(Utc(2026, 10, 25, 1, 30))).Verdict);
        // in March, the break (local 01:00-02:00) does not exist: no instant of that night is in it
        for (var s = 0; s < 3 * 3600; s += 60)
            Assert.NotEqual(PeriodKind.Break, NightShift.Resolve(Utc(2026, 3, 29, 0, 0).Plus(Duration.FromSeconds(s))).Period);
    }

    public static TheoryData<string, int, int, int> SeedNightEvents()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var policy in PolicyFiles.Names)
            foreach (var (m, d) in new[] { (3, 29), (10, 25) })
                foreach (var h in new[] { 0, 1, 2 })
                    data.Add(policy, m, d, h);
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedNightEvents))]
    public void Seed_policies_judge_00_30_01_30_and_02_30_local_on_clock_change_sundays(string policy, int month, int day, int hour)
    {
        var engine = PolicyFiles.Engine(policy);
        // local hh:30 resolved as a clock would show it (the skipped 01:30 in March becomes 02:30 BST)
        var at = PolicyEvents.London.AtLeniently(new LocalDateTime(2026, month, day, hour, 30)).ToInstant();
        var t = engine.Resolve(at);
        var expectedLocal = month == 3 && hour == 1 ? new LocalDateTime(2026, 3, 29, 2, 30) : new LocalDateTime(2026, month, day, hour, 30);
        Assert.Equal(expectedLocal, t.Local);
        Assert.Equal(PeriodKind.Outside, t.Period);   // a Sunday night: outside working hours
        var facebook = engine.Decide(PolicyEvents.Make(at, "http://www.facebook.com/", ["social_networks"]));
        var expected = policy switch
        {
            "000-local-authority" or "003-glenmere" => Verdicts.PersonalBreak,
            "002-southover" => Verdicts.PersonalWorkingHours,
            _ => Verdicts.Prohibited,
        };
        Assert.Equal(expected, facebook.Verdict);
    }
}
