using NetWatch.Service.Config;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Service.Tests.Reports;

/// <summary>The <c>reports:</c> configuration contract (README, "The web app"): read as written, and every bad value an error at its line.</summary>
public sealed class ReportsConfigTests : IDisposable
{
    private const string Alerts = """
        alerts:
          link: https://netwatch.school.example
          channels:
            - { type: email, host: 127.0.0.1, port: 2525, from: netwatch@school.example, to: [dsl@school.example] }
            - { type: email, name: office, host: smtp.school.example, port: 587, starttls: true, from: reports@school.example, to: [dsl@school.example] }

        """;
    private readonly TempDirectory _dir = new();

    private string Write(string text)
    {
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, $"store: {_dir.File("store")}\nschool: {{ id: \"100001\", name: Southover Academy }}\nsources:\n  - name: a\n    path: {_dir.File("a.log")}\n    format: squid-native\n" + text);
        return path;
    }

    [Fact]
    public void The_READMEs_example_is_read_as_written()
    {
        var config = ServiceConfigReader.Load(Write(Alerts + """
            reports:
              chromium: /bin/sh
              weekly:
                day: friday
                time: "16:15"
                to: [head@school.example, clerk@school.example]
                smtp: office
            """));
        Assert.Equal("/bin/sh", config.Reports.Chromium);
        var w = config.Reports.Weekly!;
        Assert.Equal((IsoDayOfWeek.Friday, new LocalTime(16, 15)), (w.Day, w.Time));
        Assert.Equal(["head@school.example", "clerk@school.example"], w.To);
        Assert.Equal(("office", "smtp.school.example", 587, true, "reports@school.example"), (w.Smtp.Name, w.Smtp.Host, w.Smtp.Port, w.Smtp.StartTls, w.Smtp.From));
        Assert.Equal("100001", w.School);                                  // the top-level school by default
        Assert.Equal("https://netwatch.school.example", w.Link);           // alerts.link by default

        var defaults = ServiceConfigReader.Load(Write(Alerts + "reports:\n  weekly: { to: head@school.example, school: trust }\n")).Reports.Weekly!;
        Assert.Equal((IsoDayOfWeek.Monday, new LocalTime(7, 0), "email-0", null), (defaults.Day, defaults.Time, defaults.Smtp.Name, defaults.School));
        Assert.Null(ServiceConfigReader.Load(Write("")).Reports.Weekly);
    }

    [Fact]
    public void Each_school_with_its_own_recipients_is_read_as_written()
    {
        var w = ServiceConfigReader.Load(Write(Alerts + """
            reports:
              weekly:
                school: each
                to: [ceo@trust.example]
                schools:
                  southover-academy: [head@southover.example, clerk@southover.example]
                  Northgate Primary: head@northgate.example
            """)).Reports.Weekly!;
        Assert.True(w.EachSchool);
        Assert.Null(w.School);
        Assert.Equal(["ceo@trust.example"], w.To);
        Assert.Equal(["head@southover.example", "clerk@southover.example"], w.SchoolTo["southover-academy"]);
        Assert.Equal(["head@northgate.example"], w.SchoolTo["northgate-primary"]);   // a school's name is kept as its id

        // Without 'to': each school's recipients are its own (configured, or its SLT accounts).
        var accountsOnly = ServiceConfigReader.Load(Write(Alerts + "reports:\n  weekly: { school: each }\n")).Reports.Weekly!;
        Assert.True(accountsOnly.EachSchool);
        Assert.Empty(accountsOnly.To);
        Assert.Empty(accountsOnly.SchoolTo);
    }

    [Theory]
    [InlineData("reports:\n  weekly:\n    to: [head@school.example]\n    schools:\n      a: [head@a.example]\n", 10, "'schools' names each school's recipients for 'school: each'")]
    [InlineData("reports:\n  weekly:\n    school: each\n    schools:\n      a: [head of a]\n", 11, "'head of a' is not an e-mail address")]
    [InlineData("reports:\n  weekly:\n    school: each\n    schools:\n      St Mary's: [a@a.example]\n      st-mary-s: [b@b.example]\n", 12, "school 'st-mary-s' is listed twice (as st-mary-s)")]
    [InlineData("reports:\n  chromium: /nonexistent/chromium\n", 8, "there is no Chromium at '/nonexistent/chromium'")]
    [InlineData("reports:\n  weekly: { to: [head@school.example] }\n", 8, "it needs an email channel in alerts.channels")]
    [InlineData("reports:\n  weekly:\n    day: mondey\n    to: [head@school.example]\n", 9, "'mondey' is not a day of the week")]
    [InlineData("reports:\n  weekly:\n    time: 7.30am\n    to: [head@school.example]\n", 9, "'7.30am' is not a time of day such as 07:30")]
    [InlineData("reports:\n  weekly:\n    day: monday\n", 8, "needs 'to'")]
    [InlineData("reports:\n  weekly:\n    to: [the head]\n", 9, "'the head' is not an e-mail address")]
    [InlineData("reports:\n  weekly:\n    to: [head@school.example]\n    link: ftp://x\n", 10, "is not an http or https URL")]
    [InlineData("reports:\n  weekly:\n    to: [head@school.example]\n    colour: red\n", 10, "unknown setting 'reports.weekly.colour'")]
    public void A_bad_reports_setting_fails_at_its_line(string reports, int line, string problem)
    {
        var alertsLines = reports.Contains("email channel") || problem.Contains("email channel") ? "" : Alerts;
        var path = Write(alertsLines + reports);
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:{line + (alertsLines.Length == 0 ? 0 : alertsLines.Split('\n').Length - 1)}", error.Where);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void An_smtp_name_that_is_not_an_email_channel_names_the_ones_there_are()
    {
        var path = Write(Alerts + "reports:\n  weekly:\n    to: [head@school.example]\n    smtp: post\n");
        var error = Assert.Throws<ConfigException>(() => ServiceConfigReader.Load(path));
        Assert.Equal($"{path}:15", error.Where);
        Assert.Equal("there is no email channel named 'post' in alerts.channels (there is email-0, office)", error.Problem);
    }

    [Fact]
    public void Netwatch_run_stops_at_start_with_the_file_line_and_what_is_wrong()
    {
        var path = Write(Alerts + "reports:\n  weekly:\n    day: someday\n    to: [head@school.example]\n");
        var result = Netwatch.Run("run", "--config", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path}:14: 'someday' is not a day of the week such as monday", result.Stderr);
    }

    public void Dispose() => _dir.Dispose();
}
