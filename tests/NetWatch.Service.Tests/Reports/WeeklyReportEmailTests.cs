using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using NetWatch.Api;
using NetWatch.Api.Access;
using NetWatch.Api.Audit;
using NetWatch.Service.Alerts;
using NetWatch.Service.Reports;
using NetWatch.Service.Tests.Alerts;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Accounts;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Tests.Shared;
using NetWatch.Web.Reads;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Reports;

/// <summary>
/// The weekly SLT e-mail end to end: the sample school day imported with attribution and seed policy 000, the SLT
/// dashboard's figures read through the web app's reads, sent by MailKit to postfix's smtp-sink; one message per
/// week, none again after a restart, and one after the SMTP server was down for a while.
/// </summary>
public sealed class WeeklyReportEmailTests : IDisposable
{
    private const string School = "southover-academy";
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly string[] Names = ["y9.khan", "p.jones", "j.smith", "y7.ahmed"];
    private readonly TempDirectory _dir = new();
    private readonly SmtpSink _sink = new();
    private DuckDbStore _store;

    public WeeklyReportEmailTests()
    {
        var a = RepoFiles.Path("samples", "attribution");
        Netwatch.RunOrThrow(null, "import", "--store", _dir.Path, "--school", "Southover Academy",
            "--directory", Path.Combine(a, "directory.csv"), "--devices", Path.Combine(a, "devices.csv"),
            "--leases", Path.Combine(a, "dhcpd.leases"), "--leases", Path.Combine(a, "logons-nxlog.json"),
            "--lists", RepoFiles.Path("data", "ut1"), "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"),
            RepoFiles.Path("samples", "day", "squid-2026-11-24.log"));
        _store = DuckDbStore.Open(_dir.Path);
    }

    public void Dispose()
    {
        _store.Dispose();
        _sink.Dispose();
        _dir.Dispose();
    }

    private WeeklyReportJob Job(FakeClock clock)
    {
        var settings = new WeeklyReportSettings(IsoDayOfWeek.Monday, new LocalTime(7, 30), ["head@school.example", "clerk@school.example"],
            new EmailSettings("email-0", "127.0.0.1", _sink.Port, false, "netwatch@school.example"))
        { School = School, Link = "https://netwatch.school.example" };
        return Job(clock, settings, new OneEdition(settings));
    }

    private WeeklyReportJob Job(FakeClock clock, WeeklyReportSettings settings, IWeeklyAddressees addressees) =>
        new(settings, new WeeklySchedule(settings.Day, settings.Time, London), addressees, new SltWeekSource(Reads(clock), settings, London),
            new ReportMailer(settings.Smtp), _store.Audit, clock, NullLogger<WeeklyReportJob>.Instance, WeeklyReportJob.DefaultPoll);

    private PersonalDataReads Reads(IClock clock) => new(_store.Search, _store.Aggregates, _store.Audit, new AuditTrail(_store.Audit, clock),
        new Pseudonyms(new ApiOptions { PseudonymSecret = "weekly report tests' secret, 16+" }));

    /// <summary>The stored page views of a school in the week of Mon 23 Nov 2026, as the e-mail's text writes the number.</summary>
    private async Task<string> PageViewsAsync(string school) => (await _store.Search.CountAsync(new Storage.Contracts.Search.EventQuery
    {
        From = Instant.FromUtc(2026, 11, 23, 0, 0), To = Instant.FromUtc(2026, 11, 30, 0, 0), School = school, Findings = false,
    }, default)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A received message's plain-text and HTML parts, decoded.</summary>
    private static (string Text, string Html) Parts(SmtpSink.Mail mail)
    {
        var raw = $"Content-Type: {mail.Header("Content-Type")}\nContent-Transfer-Encoding: {mail.Header("Content-Transfer-Encoding")}\n\n{mail.Body}";
        var entity = MimeEntity.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        var parts = entity is Multipart m ? m.OfType<TextPart>().ToList() : [(TextPart)entity];
        return (parts.Single(p => p.IsPlain).Text, parts.Single(p => p.IsHtml).Text);
    }

    [Fact]
    public async Task One_message_a_week_with_the_dashboards_figures_as_pseudonyms_even_after_a_restart_and_a_down_SMTP_server()
    {
        // Tue 1 Dec 2026: Monday's 07:30 send (the week of 23 Nov, which holds the sample day) is due.
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 9, 0));
        Assert.True(await Job(clock).RunIfDueAsync(default));
        var mail = Assert.Single(_sink.WaitFor(1, TimeSpan.FromSeconds(30)));
        Assert.Equal("NetWatch weekly summary: week of Mon 23 Nov 2026 (southover-academy)", mail.Header("Subject"));
        Assert.Contains("head@school.example", mail.Header("To"));
        Assert.Contains("clerk@school.example", mail.Header("To"));
        var (text, html) = Parts(mail);
        // Kept as test artefacts, as the web tests keep screenshots: what the head teacher receives.
        var artefacts = Directory.CreateDirectory(RepoFiles.Path(".ci", "out", "weekly-report")).FullName;
        File.WriteAllText(Path.Combine(artefacts, "weekly-report.txt"), text);
        File.WriteAllText(Path.Combine(artefacts, "weekly-report.html"), html);
        Assert.Contains("Personal use by department", text);
        Assert.Contains("Year 7", text);
        Assert.Contains("google.com", text);
        Assert.Matches(@"p-[0-9a-f]{16} +\d", text);               // breaches by pseudonym
        Assert.Contains("The dashboard: https://netwatch.school.example/slt?week=2026-11-23&school=southover-academy", text);
        Assert.Contains("<table", html);
        Assert.Contains("href=\"https://netwatch.school.example/slt?week=2026-11-23&amp;school=southover-academy\"", html);
        foreach (var name in Names) { Assert.DoesNotContain(name, text); Assert.DoesNotContain(name, html); }
        Assert.DoesNotContain("(none)", text + html);                // a missing value is said in words (GroupName)
        // The figures are those the SLT dashboard reads: the page views of the week.
        Assert.Matches(@"  Page views +" + System.Text.RegularExpressions.Regex.Escape(await PageViewsAsync(School)) + @"\r?\n", text);

        // Restart: the store is opened again by a new job, which finds the week's record and sends nothing.
        _store.Dispose();
        _store = DuckDbStore.Open(_dir.Path);
        clock.Advance(Duration.FromHours(2));
        Assert.False(await Job(clock).RunIfDueAsync(default));

        // The next week's send while the SMTP server is down: retried, then delivered once when it is back.
        _sink.Stop();
        clock.Advance(Duration.FromDays(7));
        var job = Job(clock);
        Assert.False(await job.RunIfDueAsync(default));
        _sink.Start();
        clock.Advance(Duration.FromSeconds(2));
        Assert.True(await job.RunIfDueAsync(default));
        var messages = _sink.WaitFor(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, messages.Count);
        var second = Assert.Single(messages, m => m.Header("Subject") == "NetWatch weekly summary: week of Mon 30 Nov 2026 (southover-academy)");
        Assert.Contains("No page views were stored for this week.", Parts(second).Text);
        Assert.NotEqual(messages[0].Header("Message-ID"), messages[1].Header("Message-ID"));

        // Each send is one audit record; each read of the figures one `aggregates` record by the job's actor.
        var sends = await _store.Audit.ReadAsync(new AuditQuery(Action: WeeklyReportJob.Action), default);
        Assert.Equal(2, sends.Count);
        var readsOfFigures = await _store.Audit.ReadAsync(new AuditQuery(Actor: WeeklyReportJob.Actor, Action: "aggregates"), default);
        Assert.Equal(2, readsOfFigures.Count);
    }

    [Fact]
    public async Task With_each_school_every_school_gets_its_own_figures_only_and_to_its_own_recipients()
    {
        // A second school of the trust, Northgate Primary: 400 lines of the sample day a day later (Wed 25 Nov, the same
        // week), its people renamed, imported without a directory (so no departments), with its own school.
        var northgateLog = _dir.File("northgate.log");
        File.WriteAllLines(northgateLog, File.ReadLines(RepoFiles.Path("samples", "day", "squid-2026-11-24.log")).Take(400).Select(line =>
        {
            var f = line.Split(' ');
            f[0] = (decimal.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (f[7] != "-") f[7] = "ng-" + f[7];
            return string.Join(' ', f);
        }));
        _store.Dispose();
        Netwatch.RunOrThrow(null, "import", "--store", _dir.Path, "--school", "Northgate Primary",
            "--lists", RepoFiles.Path("data", "ut1"), "--policy", RepoFiles.Path("policies", "000-local-authority.yaml"), northgateLog);
        _store = DuckDbStore.Open(_dir.Path);
        const string Northgate = "northgate-primary";
        var now = Instant.FromUtc(2026, 12, 1, 9, 0);
        // Northgate's recipients are its SLT accounts named by an e-mail address (a disabled one, a plain name and
        // another school's account are not); Southover's are configured.
        Account Slt(string name, string school, bool disabled = false) => new()
        { Name = name, Role = AccountRole.Slt, School = school, PasswordHash = "", CreatedAt = now, Disabled = disabled };
        foreach (var account in new[] { Slt("head@northgate.example", Northgate), Slt("old.head@northgate.example", Northgate, disabled: true),
                     Slt("northgate.slt", Northgate), Slt("deputy@southover.example", School), new Account { Name = "dsl@northgate.example",
                     Role = AccountRole.Dsl, School = Northgate, PasswordHash = "", CreatedAt = now } })
            await _store.Accounts.AddAsync(account, default);
        var settings = new WeeklyReportSettings(IsoDayOfWeek.Monday, new LocalTime(7, 30), ["ceo@trust.example"],
            new EmailSettings("email-0", "127.0.0.1", _sink.Port, false, "netwatch@trust.example"))
        {
            EachSchool = true, Link = "https://netwatch.trust.example",
            SchoolTo = new Dictionary<string, IReadOnlyList<string>> { [School] = ["head@southover.example"] },
        };

        var clock = new FakeClock(now);
        var job = Job(clock, settings, new EachSchoolAddressees(Reads(clock), _store.Accounts, settings));
        Assert.True(await job.RunIfDueAsync(default));
        var messages = _sink.WaitFor(2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, messages.Count);
        var southover = Assert.Single(messages, m => m.Header("Subject") == $"NetWatch weekly summary: week of Mon 23 Nov 2026 ({School})");
        var northgate = Assert.Single(messages, m => m.Header("Subject") == $"NetWatch weekly summary: week of Mon 23 Nov 2026 ({Northgate})");
        Assert.Equal(["ceo@trust.example", "head@southover.example"], Recipients(southover));
        Assert.Equal(["ceo@trust.example", "head@northgate.example"], Recipients(northgate));

        // Each carries its own school's page views, departments and dashboard link, and not the other's.
        var (southoverText, _) = Parts(southover);
        var (northgateText, northgateHtml) = Parts(northgate);
        var (southoverViews, northgateViews) = (await PageViewsAsync(School), await PageViewsAsync(Northgate));
        Assert.NotEqual(southoverViews, northgateViews);
        Assert.Matches(@"  Page views +" + System.Text.RegularExpressions.Regex.Escape(southoverViews) + @"\r?\n", southoverText);
        Assert.Matches(@"  Page views +" + System.Text.RegularExpressions.Regex.Escape(northgateViews) + @"\r?\n", northgateText);
        Assert.Contains("Year 7", southoverText);
        Assert.DoesNotContain("Year 7", northgateText);
        // Its people are in no department: the row says so, as the dashboard does, not the store's "(none)".
        Assert.Matches(@"\n  No department +\d", northgateText);
        Assert.Contains("<th scope=\"row\" align=\"left\">No department</th>", northgateHtml);
        Assert.DoesNotContain("(none)", northgateText + northgateHtml + southoverText);
        Assert.Contains($"slt?week=2026-11-23&school={Northgate}", northgateText);
        foreach (var name in Names) { Assert.DoesNotContain(name, northgateText); Assert.DoesNotContain("ng-" + name, northgateHtml); }
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(RepoFiles.Path(".ci", "out", "weekly-report")).FullName, "weekly-report-northgate.txt"), northgateText);

        // One record per school's e-mail; a restart sends neither again.
        var sends = await _store.Audit.ReadAsync(new AuditQuery(Action: WeeklyReportJob.Action), default);
        Assert.Equal([Northgate, School], sends.Select(r => r.Record.School).Order(StringComparer.Ordinal));
        clock.Advance(Duration.FromHours(1));
        Assert.False(await Job(clock, settings, new EachSchoolAddressees(Reads(clock), _store.Accounts, settings)).RunIfDueAsync(default));
        Assert.Equal(2, _sink.Messages().Count);
    }

    private static string[] Recipients(SmtpSink.Mail mail) =>
        [.. mail.Header("To").Split(',').Select(a => MailboxAddress.Parse(a.Trim()).Address).Order(StringComparer.Ordinal)];
}
