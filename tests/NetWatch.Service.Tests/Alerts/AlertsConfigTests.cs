using NetWatch.Core.Alerts;
using NetWatch.Service.Alerts;
using NetWatch.Service.Config;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>The <c>alerts:</c> configuration contract (README, "Alerts"): read as written, and every bad value an error at its line.</summary>
public sealed class AlertsConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Write(string alerts)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, $"store: {_dir.File("store")}\nsources:\n  - name: a\n    path: {_dir.File("a.log")}\n    format: squid-native\n" + alerts);
        return path;
    }

    [Fact]
    public void The_issues_example_is_read_as_written()
    {
        var config = ServiceConfigReader.Load(Write("""
            alerts:
              group_minutes: 15
              link: http://127.0.0.1:5080
              channels:
                - { type: email, host: 127.0.0.1, port: 2525, starttls: false, from: netwatch@school.example,
                    to: [dsl@school.example, { address: head@school.example, min_severity: 4 }], min_severity: 1 }
                - { type: webhook, url: http://127.0.0.1:8099/hook, format: teams, min_severity: 3 }
              out_of_hours: { to: [oncall@school.example] }
              escalation: { min_severity: 4, after_minutes: 10, to: [deputy@school.example] }
            """));
        var a = config.Alerts!;
        Assert.Equal(Duration.FromMinutes(15), a.Grouping.Window);
        var email = Assert.Single(a.Email);
        Assert.Equal(("email-0", "127.0.0.1", 2525, false, "netwatch@school.example"), (email.Name, email.Host, email.Port, email.StartTls, email.From));
        Assert.Equal(new WebhookSettings("webhook-1", "http://127.0.0.1:8099/hook", "teams"), Assert.Single(a.Webhooks));
        Assert.Equal([new Recipient("dsl@school.example"), new Recipient("head@school.example", 4)], a.Routing.Channels[0].To);
        Assert.Equal(3, a.Routing.Channels[1].MinSeverity);
        Assert.Equal(["oncall@school.example"], a.Routing.OutOfHoursTo);
        Assert.Equal((4, Duration.FromMinutes(10), "deputy@school.example"), (a.Routing.Escalation!.MinSeverity, a.Routing.Escalation.After, a.Routing.Escalation.To[0]));
        Assert.Equal("http://127.0.0.1:5080/alerts/a1", a.LinkTo("a1"));
        Assert.Null(ServiceConfigReader.Load(Write("")).Alerts);
    }

    [Theory]
    [InlineData("alerts:\n  group_minutes: 0\n", 7, "not a whole number from 1 to 1440")]
    [InlineData("alerts:\n  channels:\n    - { type: pager }\n", 8, "channel type 'pager' is not email or webhook")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example }\n", 8, "needs 'to'")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [not an address] }\n", 8, "is not an e-mail address")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, port: 70000, from: n@s.example, to: [d@s.example] }\n", 8, "not a whole number from 1 to 65535")]
    [InlineData("alerts:\n  channels:\n    - { type: webhook, url: ftp://x/hook }\n", 8, "is not an http or https URL")]
    [InlineData("alerts:\n  channels:\n    - { type: webhook, url: http://x/hook, format: discord }\n", 8, "webhook format 'discord' is not one of generic, teams, slack")]
    [InlineData("alerts:\n  channels:\n    - { type: webhook, url: http://x/hook, min_severity: 6 }\n", 8, "not a whole number from 1 to 5")]
    [InlineData("alerts:\n  escalation: { min_severity: 4, after_minutes: 10, to: [d@s.example] }\n", 7, "needs an email channel")]
    [InlineData("alerts:\n  colour: red\n", 7, "unknown setting 'alerts.colour'")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], starttls: true, ca_file: /nonexistent/ca.pem }\n", 8, "'/nonexistent/ca.pem' does not exist")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], ca_file: /nonexistent/ca.pem }\n", 8, "applies to STARTTLS: set 'starttls: true' too")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], starttls: true, certificate_fingerprint: ab:cd }\n", 8, "is not a SHA-256 fingerprint")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], username: u, password: p, password_file: /nonexistent/pw }\n", 8, "not both")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], username: u, password_file: /nonexistent/pw }\n", 8, "'/nonexistent/pw' does not exist")]
    [InlineData("alerts:\n  channels:\n    - { type: email, host: h, from: n@s.example, to: [d@s.example], password: p }\n", 8, "a password needs a 'username'")]
    public void A_bad_alerts_setting_fails_at_its_line(string alerts, int line, string problem)
    {
        var path = Write(alerts);
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:{line}", error.Where);
        Assert.Contains(problem, error.Problem);
    }

    public void Dispose() => _dir.Dispose();
}
