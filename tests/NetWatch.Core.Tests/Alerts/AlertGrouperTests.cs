using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Core.Tests.Alerts;

public class AlertGrouperTests
{
    private static readonly Instant Monday = Instant.FromUtc(2026, 11, 23, 10, 0);
    private readonly FakeClock _clock = new(Monday);

    private static AlertMatch Match(NetEvent e) => AlertMatcher.Match(e, AlertRules.Default, SuppressionSet.None)!;

    [Fact]
    public void Repeated_hits_of_one_person_and_theme_within_the_window_update_one_alert()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var first = grouper.Add([Match(AlertTestEvents.Safeguarding(1, Monday))], _clock.GetCurrentInstant());
        var second = grouper.Add([Match(AlertTestEvents.Safeguarding(2, Monday + Duration.FromMinutes(14)))], _clock.GetCurrentInstant());
        var third = grouper.Add([Match(AlertTestEvents.Safeguarding(3, Monday + Duration.FromMinutes(28)))], _clock.GetCurrentInstant());

        Assert.Single(first.Notifications);
        Assert.Empty(second.Notifications);
        Assert.Empty(third.Notifications);
        var alert = Assert.Single(third.Alerts);
        Assert.Equal(first.Alerts[0].Id, alert.Id);
        Assert.Equal(3, alert.Count);
        Assert.Equal(3, alert.EventIds.Count);
        Assert.Equal(Monday + Duration.FromMinutes(28), alert.LastSeen);
        Assert.Equal(1, alert.Version);
    }

    [Fact]
    public void A_hit_after_the_window_raises_a_new_alert()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var first = grouper.Add([Match(AlertTestEvents.Safeguarding(1, Monday))], Monday);
        var later = grouper.Add([Match(AlertTestEvents.Safeguarding(2, Monday + Duration.FromMinutes(15) + Duration.FromSeconds(1)))], Monday);
        Assert.NotEqual(first.Alerts[0].Id, later.Alerts[0].Id);
        Assert.Equal(AlertNotification.New, Assert.Single(later.Notifications).Reason);
    }

    [Fact]
    public void Other_themes_and_other_people_are_other_alerts()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var changes = grouper.Add([
            Match(AlertTestEvents.Safeguarding(1, Monday)),
            Match(AlertTestEvents.Safeguarding(2, Monday, theme: "bullying", severity: 2)),
            Match(AlertTestEvents.Safeguarding(3, Monday, person: "q.pupil")),
            Match(AlertTestEvents.Safeguarding(4, Monday, person: null)),
        ], Monday);
        Assert.Equal(4, changes.Alerts.Count);
        Assert.Equal(4, changes.Notifications.Count);
        Assert.Contains(changes.Alerts, a => a.Subject.Person is null && a.Subject.Device == "lab-pc-07" && a.Subject.Ip == "127.0.10.11");
    }

    [Fact]
    public void A_higher_severity_renotifies_at_once_and_a_lower_one_does_not()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        grouper.Add([Match(AlertTestEvents.Safeguarding(1, Monday, severity: 2))], Monday);
        _clock.Advance(Duration.FromMinutes(1));
        var raised = grouper.Add([Match(AlertTestEvents.Safeguarding(2, Monday + Duration.FromMinutes(1), severity: 4))], _clock.GetCurrentInstant());
        var lower = grouper.Add([Match(AlertTestEvents.Safeguarding(3, Monday + Duration.FromMinutes(2), severity: 3))], _clock.GetCurrentInstant());

        var n = Assert.Single(raised.Notifications);
        Assert.Equal((AlertNotification.SeverityRaised, 2, 4), (n.Reason, n.Version, n.Severity));
        Assert.Equal(_clock.GetCurrentInstant(), raised.Alerts[0].NotifiedAt);
        Assert.Empty(lower.Notifications);
        Assert.Equal(4, lower.Alerts[0].Severity);
    }

    [Fact]
    public void An_open_alert_that_keeps_matching_is_notified_again_after_the_repeat_interval()
    {
        var grouper = new AlertGrouper(new AlertGrouping(Duration.FromMinutes(15), Duration.FromHours(1)));
        var repeats = 0;
        for (var i = 0; i <= 12; i++) // every 10 minutes for two hours
            repeats += grouper.Add([Match(AlertTestEvents.Safeguarding(i, Monday + Duration.FromMinutes(10 * i)))], Monday)
                .Notifications.Count(n => n.Reason == AlertNotification.Repeat);
        Assert.Equal(2, repeats);
    }

    [Fact]
    public void A_closed_alert_is_forgotten_and_its_next_match_raises_a_new_one()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var first = grouper.Add([Match(AlertTestEvents.Safeguarding(1, Monday))], Monday);
        grouper.Forget(first.Alerts[0].Id);
        var next = grouper.Add([Match(AlertTestEvents.Safeguarding(2, Monday + Duration.FromMinutes(1)))], Monday);
        Assert.NotEqual(first.Alerts[0].Id, next.Alerts[0].Id);
    }

    [Fact]
    public void A_seeded_alert_continues_after_a_restart()
    {
        var before = new AlertGrouper(AlertGrouping.Default);
        var stored = before.Add([Match(AlertTestEvents.Safeguarding(1, Monday))], Monday).Alerts;
        var after = new AlertGrouper(AlertGrouping.Default);
        after.Seed(stored);
        var changes = after.Add([Match(AlertTestEvents.Safeguarding(2, Monday + Duration.FromMinutes(5)))], Monday);
        Assert.Empty(changes.Notifications);
        Assert.Equal(2, changes.Alerts[0].Count);
    }

    [Fact]
    public void The_window_is_elapsed_time_across_the_autumn_clock_change()
    {
        // 2026-10-25: 01:50 BST (00:50 UTC), then 01:05 GMT (01:05 UTC): 15 minutes apart though the clock went back.
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var a = Instant.FromUtc(2026, 10, 25, 0, 50);
        grouper.Add([Match(AlertTestEvents.Safeguarding(1, a))], a);
        var changes = grouper.Add([Match(AlertTestEvents.Safeguarding(2, Instant.FromUtc(2026, 10, 25, 1, 5)))], a);
        Assert.Empty(changes.Notifications);
        Assert.Equal(2, changes.Alerts[0].Count);
    }
}
