using NetWatch.Core.Alerts;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Core.Tests.Alerts;

public class AlertRoutingTests
{
    private static readonly AlertRouting Routing = new(
        [
            new AlertChannel("email-0", ChannelTypes.Email, [new Recipient("dsl@school.example"), new Recipient("head@school.example", MinSeverity: 4)]),
            new AlertChannel("webhook-1", ChannelTypes.Webhook, [new Recipient("http://127.0.0.1:8099/hook")], MinSeverity: 3),
        ],
        ["oncall@school.example"],
        new EscalationRule(4, Duration.FromMinutes(10), ["deputy@school.example"]));

    private static AlertNotification Note(int severity, string reason = AlertNotification.New) => new("a1", 1, reason, severity, Instant.FromUtc(2026, 11, 23, 10, 0));

    [Fact]
    public void Minimum_severity_per_channel_and_per_recipient()
    {
        Assert.Equal(["email-0 dsl@school.example", "live feed"], Format(AlertRouter.Routes(Routing, Note(2), outOfHours: false)));
        Assert.Equal(["email-0 dsl@school.example", "email-0 head@school.example", "webhook-1 http://127.0.0.1:8099/hook", "live feed"],
            Format(AlertRouter.Routes(Routing, Note(4), outOfHours: false)));
    }

    [Fact]
    public void Out_of_hours_the_on_call_contact_gets_the_email_too()
    {
        Assert.Equal(["email-0 dsl@school.example", "email-0 oncall@school.example", "live feed"], Format(AlertRouter.Routes(Routing, Note(1), outOfHours: true)));
    }

    [Fact]
    public void An_escalation_goes_to_the_escalation_contacts()
    {
        Assert.Equal(["email-0 deputy@school.example", "webhook-1 http://127.0.0.1:8099/hook", "live feed"],
            Format(AlertRouter.Routes(Routing, Note(5, AlertNotification.Escalation), outOfHours: false)));
    }

    [Fact]
    public void Escalation_is_due_when_a_severe_alert_is_not_acknowledged_in_time_counted_in_elapsed_time_over_the_spring_clock_change()
    {
        // 2026-03-29 00:55 UTC: the clocks go from 01:00 GMT to 02:00 BST at 01:00 UTC; ten minutes later is 01:05 UTC (02:05 local).
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 29, 0, 55));
        var alert = Alert(severity: 4, notifiedAt: clock.GetCurrentInstant());
        var rule = Routing.Escalation;
        clock.Advance(Duration.FromMinutes(9) + Duration.FromSeconds(59));
        Assert.False(AlertRouter.EscalationDue(alert, rule, clock.GetCurrentInstant()));
        clock.Advance(Duration.FromSeconds(1));
        Assert.True(AlertRouter.EscalationDue(alert, rule, clock.GetCurrentInstant()));
        Assert.False(AlertRouter.EscalationDue(alert with { Status = AlertStatus.Acknowledged }, rule, clock.GetCurrentInstant()));
        Assert.False(AlertRouter.EscalationDue(alert with { Severity = 3 }, rule, clock.GetCurrentInstant()));
    }

    [Theory]
    // The first Monday of the summer term (13 April 2026, BST): staff work 08:00-16:30 local = 07:00-15:30 UTC.
    [InlineData("2026-04-13T06:59:00Z", true)]
    [InlineData("2026-04-13T07:00:00Z", false)]
    [InlineData("2026-04-13T15:29:00Z", false)]
    [InlineData("2026-04-13T15:30:00Z", true)]
    // Monday after the autumn change (26 October 2026 is half term: out of hours all day); 2 November is term, GMT.
    [InlineData("2026-10-26T10:00:00Z", true)]
    [InlineData("2026-11-02T07:59:00Z", true)]
    [InlineData("2026-11-02T08:00:00Z", false)]
    // A Saturday in term, and a bank holiday.
    [InlineData("2026-11-21T10:00:00Z", true)]
    [InlineData("2026-12-25T10:00:00Z", true)]
    // An INSET day: staff work.
    [InlineData("2026-09-01T09:00:00Z", false)]
    public void Out_of_hours_follows_the_policys_calendar_and_time_zone(string at, bool outOfHours)
    {
        var policy = PolicyParser.Parse(File.ReadAllText(RepoFiles.Path("policies/004-droitwich.yaml")), "004").Policy!;
        var hours = new SchoolHours(policy);
        Assert.Equal(outOfHours, hours.IsOutOfHours(NodaTime.Text.InstantPattern.ExtendedIso.Parse(at).Value));
    }

    [Fact]
    public void Without_a_policy_nothing_is_out_of_hours() => Assert.False(SchoolHours.Always.IsOutOfHours(Instant.FromUtc(2026, 11, 22, 3, 0)));

    private static Alert Alert(int severity, Instant notifiedAt) => new()
    {
        Id = "a1", School = "100001", Subject = new AlertSubject { Person = "p" }, Theme = "self-harm", Severity = severity,
        FirstSeen = notifiedAt, LastSeen = notifiedAt, Count = 1, RaisedAt = notifiedAt, NotifiedAt = notifiedAt, NotifiedSeen = notifiedAt,
    };

    private static List<string> Format(IReadOnlyList<Route> routes) => routes.Select(r => $"{r.Channel} {r.Recipient}").ToList();
}
