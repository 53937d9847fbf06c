using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Service.Alerts;
using NetWatch.Service.Reports;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Reports;

/// <summary>
/// The weekly job on a fake clock over the embedded store's audit log (its durable record): once per week at the
/// school-local time through a DST change, not again after a restart, and retried with backoff when sending fails.
/// </summary>
public sealed class WeeklyReportJobTests : IDisposable
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly WeeklyReportSettings Settings = new(IsoDayOfWeek.Monday, new LocalTime(7, 30), ["head@school.example"],
        new EmailSettings("email-0", "127.0.0.1", 25, false, "netwatch@school.example")) { School = "100001" };
    private readonly TempDirectory _dir = new();
    private DuckDbStore _store;

    public WeeklyReportJobTests() => _store = DuckDbStore.Open(_dir.Path);

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private sealed class FixedSource : IWeeklyReportSource
    {
        public List<string> Reads { get; } = [];
        public Task<WeeklyReport> ReadAsync(WeeklySend send, string? school, CancellationToken cancel)
        {
            Reads.Add(send.Week + (school == Settings.School ? "" : " " + school));
            return Task.FromResult(new WeeklyReport("week " + send.Week + (school == Settings.School ? "" : " " + school), "text", "<p>html</p>", 3));
        }
    }

    private sealed class RecordingMailer(FakeClock clock) : IReportMailer
    {
        public int FailuresToCome { get; set; }
        /// <summary>Sends to this address fail (a recipient the server refuses) while it is set.</summary>
        public string? Refused { get; set; }
        public List<(Instant At, string Subject, string MessageId)> Sent { get; } = [];
        public int Attempts { get; private set; }
        public Task SendAsync(WeeklyReport report, IReadOnlyList<string> to, string messageId, CancellationToken cancel)
        {
            Attempts++;
            if (FailuresToCome > 0) { FailuresToCome--; throw new IOException("connection refused"); }
            if (Refused is not null && to.Contains(Refused)) throw new IOException("recipient refused");
            Sent.Add((clock.GetCurrentInstant(), report.Subject, messageId));
            return Task.CompletedTask;
        }
    }

    private WeeklyReportJob Job(FakeClock clock, IWeeklyReportSource source, IReportMailer mailer, IWeeklyAddressees? addressees = null) =>
        new(Settings, new WeeklySchedule(Settings.Day, Settings.Time, London), addressees ?? new OneEdition(Settings), source, mailer, _store.Audit, clock,
            NullLogger<WeeklyReportJob>.Instance, WeeklyReportJob.DefaultPoll);

    private sealed class Schools(params WeeklyEdition[] editions) : IWeeklyAddressees
    {
        public Task<IReadOnlyList<WeeklyEdition>> ForWeekAsync(WeeklySend send, CancellationToken cancel) => Task.FromResult<IReadOnlyList<WeeklyEdition>>(editions);
    }

    [Fact]
    public async Task Across_the_spring_clock_change_it_sends_once_a_week_at_07_30_school_time()
    {
        // From Sun 22 Mar 2026 12:00 GMT in steps of 15 minutes to Tue 7 Apr: Mondays 23 Mar (GMT), 30 Mar and 6 Apr (BST).
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 22, 12, 0));
        var source = new FixedSource();
        var mailer = new RecordingMailer(clock);
        // The first look at a fresh install sends the latest due week (16 Mar's send, about the week of 9 Mar) at once.
        var job = Job(clock, source, mailer);
        while (clock.GetCurrentInstant() < Instant.FromUtc(2026, 4, 7, 12, 0))
        {
            await job.RunIfDueAsync(default);
            clock.Advance(Duration.FromMinutes(15));
        }
        Assert.Equal(
        [
            (Instant.FromUtc(2026, 3, 22, 12, 0), "week 2026-W11"),
            (Instant.FromUtc(2026, 3, 23, 7, 30), "week 2026-W12"),
            (Instant.FromUtc(2026, 3, 30, 6, 30), "week 2026-W13"),
            (Instant.FromUtc(2026, 4, 6, 6, 30), "week 2026-W14"),
        ], mailer.Sent.Select(s => (s.At, s.Subject)));
        Assert.Equal(["2026-W11", "2026-W12", "2026-W13", "2026-W14"], source.Reads);

        // Each send is one audit record with its week, by the job's actor, for the school.
        var records = await _store.Audit.ReadAsync(new AuditQuery(Action: WeeklyReportJob.Action), default);
        Assert.Equal(4, records.Count);
        Assert.All(records, r => Assert.Equal((WeeklyReportJob.Actor, "100001", 3L), (r.Record.Actor, r.Record.School, r.Record.Rows)));
        Assert.Contains("\"week\":\"2026-W13\"", records[2].Record.Query);
    }

    [Fact]
    public async Task After_a_restart_the_week_already_sent_is_not_sent_again()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var mailer = new RecordingMailer(clock);
        Assert.True(await Job(clock, new FixedSource(), mailer).RunIfDueAsync(default));

        // A new process over the same store: the durable record is read back.
        _store.Dispose();
        _store = DuckDbStore.Open(_dir.Path);
        var source = new FixedSource();
        var restarted = Job(clock, source, mailer);
        clock.Advance(Duration.FromHours(1));
        Assert.False(await restarted.RunIfDueAsync(default));
        Assert.Single(mailer.Sent);
        Assert.Empty(source.Reads);
        clock.Advance(Duration.FromDays(7));
        Assert.True(await restarted.RunIfDueAsync(default));
        Assert.Equal(2, mailer.Sent.Count);
    }

    [Fact]
    public async Task A_failed_send_is_retried_with_backoff_and_the_week_read_once()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var source = new FixedSource();
        var mailer = new RecordingMailer(clock) { FailuresToCome = 3 };
        var job = Job(clock, source, mailer);
        Assert.False(await job.RunIfDueAsync(default));            // failure 1: wait 2 s
        clock.Advance(Duration.FromSeconds(1));
        Assert.False(await job.RunIfDueAsync(default));
        Assert.Equal(1, mailer.Attempts);                          // not tried before its time
        clock.Advance(Duration.FromSeconds(1));
        Assert.False(await job.RunIfDueAsync(default));            // failure 2: wait 4 s
        clock.Advance(Duration.FromSeconds(3));
        Assert.False(await job.RunIfDueAsync(default));
        Assert.Equal(2, mailer.Attempts);
        clock.Advance(Duration.FromSeconds(1));
        Assert.False(await job.RunIfDueAsync(default));            // failure 3: wait 8 s
        clock.Advance(Duration.FromSeconds(8));
        Assert.True(await job.RunIfDueAsync(default));
        Assert.Equal(4, mailer.Attempts);
        Assert.Single(mailer.Sent);
        Assert.Equal(["2026-W48"], source.Reads);
        Assert.Equal(Duration.FromMinutes(5), job.Backoff(20));
        Assert.Single(await _store.Audit.ReadAsync(new AuditQuery(Action: WeeklyReportJob.Action), default));
    }

    [Fact]
    public async Task With_each_school_one_e_mail_per_school_and_a_failed_one_is_retried_without_resending_the_others()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 9, 0));
        var source = new FixedSource();
        var mailer = new RecordingMailer(clock) { Refused = "head@b.example" };
        var schools = new Schools(new WeeklyEdition("a", ["head@a.example"]), new WeeklyEdition("b", ["head@b.example"]), new WeeklyEdition("c", []));
        var job = Job(clock, source, mailer, schools);
        Assert.True(await job.RunIfDueAsync(default));               // a sent; b refused; c has nobody to go to
        Assert.Equal(["week 2026-W48 a"], mailer.Sent.Select(s => s.Subject));
        mailer.Refused = null;
        clock.Advance(Duration.FromSeconds(2));
        Assert.True(await job.RunIfDueAsync(default));               // b again, a not again
        Assert.Equal(["week 2026-W48 a", "week 2026-W48 b"], mailer.Sent.Select(s => s.Subject));
        Assert.NotEqual(mailer.Sent[0].MessageId, mailer.Sent[1].MessageId);
        Assert.Equal(["2026-W48 a", "2026-W48 b"], source.Reads);      // b read once, c never
        clock.Advance(Duration.FromHours(1));
        Assert.False(await job.RunIfDueAsync(default));

        // A restart finds each school's record: nothing is sent again.
        var restarted = Job(clock, new FixedSource(), mailer, schools);
        Assert.False(await restarted.RunIfDueAsync(default));
        Assert.Equal(2, mailer.Sent.Count);
        var records = await _store.Audit.ReadAsync(new AuditQuery(Action: WeeklyReportJob.Action), default);
        Assert.Equal(["a", "b"], records.Select(r => r.Record.School).Order());
    }
}
