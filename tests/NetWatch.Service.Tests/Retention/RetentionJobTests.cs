using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Core.Policy.Retention;
using NetWatch.Core.Visits;
using NetWatch.Service.Retention;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Audit;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Retention;

/// <summary>
/// The daily retention job on a fake clock over the embedded store: what is older than its kind's period goes, what is
/// younger stays, and the audit log says, per kind, what went.
/// </summary>
public sealed class RetentionJobTests : IDisposable
{
    // 2027-03-10 03:00 GMT: the job (daily at 02:30) is due.
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 10, 3, 0);
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private readonly TempDirectory _dir = new();
    private readonly DuckDbStore _store;
    private readonly FakeClock _clock = new(Now);

    public RetentionJobTests() => _store = DuckDbStore.Open(_dir.Path);

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    private static Instant MonthsAgo(int months, Duration plus) =>
        Now.InZone(London).LocalDateTime.PlusMonths(-months).InZoneLeniently(London).ToInstant() + plus;

    private static NetEvent Event(long line, Instant at) => TestEvents.Minimal(line, at, "alice");

    private static NetEvent Finding(string key, Instant at) => TestEvents.Minimal(0) with
    {
        Id = EventIdentity.Compute("finding", 0, key),
        Origin = new EventOrigin("netwatch:finding", 0),
        Timestamp = at,
        Dataset = "netwatch.finding",
        Finding = new Finding { Kind = FindingKinds.UnattributedVolume, Description = key, Start = at, EventCount = 1 },
    };

    private static Visit VisitOf(NetEvent first) => new()
    {
        Person = first.UserName!, Domain = "example.com", Start = first.Timestamp, End = first.Timestamp + Duration.FromMinutes(2),
        EventCount = 1, Categories = [], FirstEventId = first.Id,
    };

    /// <summary>Events and visits 13 and 11 months old, findings likewise, dead letters 4 and 2 months old.</summary>
    private async Task<(NetEvent Old, NetEvent Young)> SeedAsync()
    {
        var old = Event(1, MonthsAgo(12, -Duration.FromHours(1)));
        var young = Event(2, MonthsAgo(12, Duration.FromHours(1)));
        using var session = _store.Writer.Begin();
        await session.WriteEventsAsync([old, young, Event(3, Now - Duration.FromDays(1))], default);
        await session.WriteFindingsAsync([Finding("old", MonthsAgo(13, Duration.Zero)), Finding("young", MonthsAgo(11, Duration.Zero))], default);
        await session.WriteVisitsAsync([VisitOf(old), VisitOf(young)], default);
        await session.WriteDeadLettersAsync(
        [
            new DeadLetter("proxy", 7, "garbage 7", "bad-timestamp", null, MonthsAgo(4, Duration.Zero)),
            new DeadLetter("proxy", 8, "garbage 8", "bad-timestamp", null, MonthsAgo(2, Duration.Zero)),
        ], default);
        await session.CommitAsync(default);
        return (old, young);
    }

    private RetentionJob Job(RetentionPlan plan, TimeSpan? poll = null) =>
        new(new RetentionRunner(_store.Retention, _store.Audit, _clock), plan, _clock, NullLogger<RetentionJob>.Instance, poll ?? TimeSpan.FromHours(1));

    private async Task<List<string>> EventIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var e in _store.Search.StreamAsync(new EventQuery { Findings = false }, default)) ids.Add(e.Id.ToString());
        return ids;
    }

    private static Dictionary<string, string> QueryOf(AuditRecord record) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(record.Query!)!;

    [Fact]
    public async Task Records_older_than_their_period_go_younger_ones_stay_and_the_audit_log_says_what_went()
    {
        var (old, young) = await SeedAsync();
        var policy = PolicyParser.Parse(File.ReadAllText(RepoFiles.Path("policies/003-glenmere.yaml")), "003-glenmere.yaml").Policy!;
        var plan = RetentionPlan.Resolve(RetentionSettings.Default, policy);

        Assert.True(await Job(plan).RunIfDueAsync(default));

        var ids = await EventIdsAsync();
        Assert.DoesNotContain(old.Id.ToString(), ids);
        Assert.Contains(young.Id.ToString(), ids);
        var findings = await _store.Search.SearchAsync(new EventQuery { Findings = true }, 10, null, default);
        Assert.Equal("young", Assert.Single(findings.Events).Finding!.Description);
        Assert.Equal(young.Id, Assert.Single(await _store.Search.VisitsAsync(null, null, null, default)).FirstEventId);
        // 003 keeps dead letters 3 months: the 4-month-old one went.
        var deadLetters = new List<DeadLetter>();
        await foreach (var d in _store.Search.DeadLettersAsync(default)) deadLetters.Add(d);
        Assert.Equal(8, Assert.Single(deadLetters).LineNumber);

        var audit = await _store.Audit.ReadAsync(new AuditQuery(Action: RetentionRunner.Action), default);
        var byKind = audit.Select(a => a.Record).ToDictionary(r => QueryOf(r)["kind"]);
        Assert.Equal(RetentionKinds.All.Where(k => k != RetentionKinds.ReferredAlerts).Order(), byKind.Keys.Order());   // referred alerts: kept until a period is set
        Assert.Equal(0, byKind["alerts"].Rows);
        Assert.All(byKind.Values, r => Assert.Equal(RetentionJob.Actor, r.Actor));
        Assert.Equal(1, byKind["events"].Rows);
        Assert.Equal(1, byKind["findings"].Rows);
        Assert.Equal(1, byKind["visits"].Rows);
        Assert.Equal(1, byKind["dead_letters"].Rows);
        Assert.Equal("3 months", QueryOf(byKind["dead_letters"])["period"]);
        Assert.StartsWith("policy 003-glenmere, clause 3 Monitoring", QueryOf(byKind["events"])["rule"]);
        Assert.Equal("2026-03-10T03:00:00.000Z", QueryOf(byKind["events"])["before"]);
        Assert.Null(await _store.Audit.VerifyAsync(default));
    }

    [Fact]
    public async Task The_configuration_overrides_the_policy_and_a_kind_neither_names_is_kept_12_months()
    {
        await SeedAsync();
        var settings = new RetentionSettings
        {
            Periods = new Dictionary<string, RetentionPeriod> { ["events"] = RetentionPeriod.Parse("14 months", null, out _)! },
        };
        var plan = RetentionPlan.Resolve(settings, policy: null);
        Assert.Equal("configuration (retention.events)", plan.Rules.Single(r => r.Kind == RecordKind.Events).Source);
        Assert.Equal("default", plan.Rules.Single(r => r.Kind == RecordKind.DeadLetters).Source);

        await Job(plan).RunIfDueAsync(default);

        Assert.Equal(3, (await EventIdsAsync()).Count);   // 14 months: nothing is that old
        var deadLetters = new List<DeadLetter>();
        await foreach (var d in _store.Search.DeadLettersAsync(default)) deadLetters.Add(d);
        Assert.Equal(2, deadLetters.Count);                // 12 months by default
        Assert.Equal(1, await _store.Search.CountAsync(new EventQuery { Findings = true }, default));
    }

    [Fact]
    public async Task It_runs_once_a_school_day_at_or_after_its_time()
    {
        await SeedAsync();
        var job = Job(RetentionPlan.Resolve(RetentionSettings.Default, null));
        _clock.Reset(Instant.FromUtc(2027, 3, 10, 2, 0));            // 02:00: not yet
        Assert.False(await job.RunIfDueAsync(default));
        _clock.Reset(Instant.FromUtc(2027, 3, 10, 2, 30));           // 02:30: due
        Assert.True(await job.RunIfDueAsync(default));
        _clock.Advance(Duration.FromHours(20));                      // later the same day: done already
        Assert.False(await job.RunIfDueAsync(default));
        _clock.Reset(Instant.FromUtc(2027, 3, 11, 2, 31));           // the next day
        Assert.True(await job.RunIfDueAsync(default));
        Assert.Equal(2 * (RetentionKinds.All.Count - 1), (await _store.Audit.ReadAsync(new AuditQuery(Action: RetentionRunner.Action), default)).Count);
    }

    [Fact]
    public async Task As_a_hosted_service_it_deletes_when_the_clock_reaches_its_time()
    {
        var (old, _) = await SeedAsync();
        _clock.Reset(Instant.FromUtc(2027, 3, 10, 1, 0));
        using var job = Job(RetentionPlan.Resolve(RetentionSettings.Default, null), poll: TimeSpan.FromMilliseconds(20));
        await job.StartAsync(default);
        await Task.Delay(200);
        Assert.Contains(old.Id.ToString(), await EventIdsAsync());    // 01:00: not due

        _clock.Reset(Now);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _store.Audit.ReadAsync(new AuditQuery(Action: RetentionRunner.Action), default)).Count < RetentionKinds.All.Count - 1 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await job.StopAsync(default);
        Assert.DoesNotContain(old.Id.ToString(), await EventIdsAsync());
    }
}
