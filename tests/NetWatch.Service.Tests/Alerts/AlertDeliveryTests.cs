using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NetWatch.Core.Alerts;
using NetWatch.Core.Policy.Parsing;
using NetWatch.Service.Alerts;
using NetWatch.Service.Composition;
using NetWatch.Service.Config;
using NetWatch.Storage;
using NetWatch.Storage.Contracts;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>Alerts delivered to real servers on loopback: postfix's smtp-sink and an HTTP endpoint.</summary>
public sealed class AlertDeliveryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    internal static string AlertsYaml(int smtpPort, string? webhook, string extra = "") =>
        $"alerts:\n  link: http://127.0.0.1:5080\n  channels:\n" +
        $"    - {{ type: email, host: 127.0.0.1, port: {smtpPort}, from: netwatch@school.example, to: [dsl@school.example] }}\n" +
        (webhook is null ? "" : $"    - {{ type: webhook, url: {webhook}, format: generic }}\n") + extra;

    private static async Task<int> DeliverAllAsync(AlertDispatcher dispatcher, int passes = 5)
    {
        var total = 0;
        for (var i = 0; i < passes; i++) total += await dispatcher.RunOnceAsync(CancellationToken.None);
        return total;
    }

    [Fact]
    public async Task The_corpus_safeguarding_searches_arrive_by_email_and_webhook_once_each_with_their_evidence()
    {
        using var sink = new SmtpSink();
        using var hook = new WebhookReceiver();
        var log = _dir.File("access.log");
        File.Copy(RepoFiles.Path("samples", "logs", "squid-native.log"), log);
        var store = _dir.File("store");
        var path = _dir.File("netwatch.yaml");
        File.WriteAllText(path, $"store: {store}\nonce: true\nschool: Test School\nenrich:\n  lists: [{RepoFiles.Path("data", "ut1")}]\n" +
            $"sources:\n  - name: proxy\n    path: {log}\n    format: squid-native\n" + AlertsYaml(sink.Port, hook.Url));
        var config = ServiceConfigReader.Load(path);
        for (var run = 0; run < 2; run++) // the second import of the same file raises nothing
            using (var ingestion = Ingestion.Prepare(config, new IngestionOptions()))
                await ingestion.RunAsync(_ => { }, CancellationToken.None);

        using var opened = DuckDbStore.Open(store);
        var searches = StoreContents.Count(store, "SELECT count(*) FROM events WHERE netwatch_safeguarding_theme IS NOT NULL");
        Assert.True(searches >= 10, $"only {searches} safeguarding matches in the corpus sample");
        var alerts = await opened.Alerts.ListAsync(new Storage.Contracts.Alerts.AlertQuery { Limit = 1000 }, default);
        Assert.Equal(searches, alerts.Sum(a => a.Count));
        var notifications = alerts.Sum(a => a.Version);

        var dispatcher = AlertDelivery.Create(config.Alerts!, opened, null, new AlertFeed(), _http, SystemClock.Instance, NullLogger.Instance);
        Assert.Equal(notifications * 3, await DeliverAllAsync(dispatcher)); // e-mail, webhook, live feed
        var mails = sink.WaitFor(notifications, TimeSpan.FromSeconds(10));
        Thread.Sleep(300);
        Assert.Equal(notifications, sink.Messages().Count);
        Assert.Equal(notifications, mails.Select(m => m.Header("Message-ID")).Distinct().Count());
        Assert.Equal(notifications, hook.Received.Count);
        Assert.Equal(notifications, hook.Received.Select(r => r.Key).Distinct().Count());

        var terms = StoreContents.Strings(store, "SELECT DISTINCT netwatch_search_terms FROM events WHERE netwatch_safeguarding_theme IS NOT NULL AND netwatch_search_terms IS NOT NULL");
        var safeguarding = StoreContents.EventIds(store).ToHashSet();
        var ids = alerts.SelectMany(a => a.EventIds).Select(id => id.ToString()).ToList();
        Assert.All(alerts.SelectMany(a => a.EventIds), id => Assert.Contains(id, safeguarding));
        var bodies = string.Join("\n", mails.Select(m => m.Body));
        foreach (var mail in mails)
        {
            var subject = mail.Header("Subject");
            Assert.Matches(@"^\[NetWatch\] Safeguarding alert: [a-z-]+, severity [1-5]", subject);
            Assert.DoesNotContain(terms, t => subject.Contains(t, StringComparison.OrdinalIgnoreCase));
            Assert.Contains("http://127.0.0.1:5080/alerts/a", mail.Body);
        }
        Assert.All(terms, t => Assert.Contains(t, bodies));
        Assert.Equal(searches, ids.Count);
        var webhookEvidence = hook.Received.SelectMany(r => r.Body.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("event_id").GetString())).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id, webhookEvidence));

        Assert.Equal(0, await DeliverAllAsync(dispatcher));
        Thread.Sleep(300);
        Assert.Equal(notifications, sink.Messages().Count);
    }

    [Fact]
    public async Task An_smtp_server_down_for_a_while_then_up_gets_every_message_once_with_exponential_backoff()
    {
        using var sink = new SmtpSink(start: false);
        using var hook = new WebhookReceiver { Status = HttpStatusCode.ServiceUnavailable };
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 23, 10, 0));
        using var store = DuckDbStore.Open(_dir.File("store"));
        await RaiseAsync(store, clock, ("a", "self-harm", 4), ("b", "bullying", 2), ("c", "suicide", 5));
        var settings = ReadAlerts(AlertsYaml(sink.Port, hook.Url));
        var dispatcher = AlertDelivery.Create(settings, store, null, new AlertFeed(), _http, clock, NullLogger.Instance);

        Assert.Equal(3, await dispatcher.RunOnceAsync(default)); // the live feed only
        var email = (await Deliveries(store)).Where(d => d.Channel == "email-0").ToList();
        Assert.All(email, d => Assert.Equal((1, clock.GetCurrentInstant() + Duration.FromSeconds(2)), (d.Attempts, d.NextAttempt)));
        Assert.Contains("refused", email[0].LastError, StringComparison.OrdinalIgnoreCase);

        clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync(default));
        Assert.All((await Deliveries(store)).Where(d => d.Channel != "live"), d => Assert.Equal(1, d.Attempts)); // not yet due
        clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(0, await dispatcher.RunOnceAsync(default));
        Assert.All((await Deliveries(store)).Where(d => d.Channel != "live"),
            d => Assert.Equal((2, clock.GetCurrentInstant() + Duration.FromSeconds(4)), (d.Attempts, d.NextAttempt)));

        sink.Start();
        hook.Status = HttpStatusCode.OK;
        clock.Advance(Duration.FromSeconds(4));
        Assert.Equal(6, await dispatcher.RunOnceAsync(default));
        clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(0, await DeliverAllAsync(dispatcher));
        var mails = sink.WaitFor(3, TimeSpan.FromSeconds(10));
        Thread.Sleep(300);
        Assert.Equal(3, sink.Messages().Count);
        Assert.Equal(["bullying", "self-harm", "suicide"], mails.Select(m => m.Header("Subject").Split(": ")[1].Split(',')[0]).Order());
        Assert.Equal(3, hook.Received.Count);
    }

    [Fact]
    public async Task Out_of_hours_the_on_call_contact_is_mailed_and_an_unacknowledged_severe_alert_is_escalated_once()
    {
        using var sink = new SmtpSink();
        // Saturday 21 November 2026, 10:00 GMT: out of hours for 004's staff.
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 21, 10, 0));
        using var store = DuckDbStore.Open(_dir.File("store"));
        await RaiseAsync(store, clock, ("a", "self-harm", 4), ("b", "bullying", 2), ("c", "suicide", 5));
        var settings = ReadAlerts(AlertsYaml(sink.Port, null,
            "  out_of_hours: { to: [oncall@school.example] }\n  escalation: { min_severity: 4, after_minutes: 10, to: [deputy@school.example] }\n"));
        var policy = PolicyParser.Parse(File.ReadAllText(RepoFiles.Path("policies", "004-droitwich.yaml")), "004").Policy!;
        var dispatcher = AlertDelivery.Create(settings with { EscalationCheck = Duration.Zero }, store, policy, new AlertFeed(), _http, clock, NullLogger.Instance);

        await DeliverAllAsync(dispatcher);
        var acknowledged = (await store.Alerts.ListAsync(new() { Person = "a" }, default)).Single() with { Status = AlertStatus.Acknowledged };
        await store.Alerts.SaveTriageAsync(acknowledged, default);
        clock.Advance(Duration.FromMinutes(9));
        await DeliverAllAsync(dispatcher);
        Assert.Equal(6, sink.WaitFor(6, TimeSpan.FromSeconds(10)).Count); // three alerts to the DSL and to on-call
        clock.Advance(Duration.FromMinutes(1));
        await DeliverAllAsync(dispatcher);
        clock.Advance(Duration.FromMinutes(30));
        await DeliverAllAsync(dispatcher);
        var mails = sink.WaitFor(7, TimeSpan.FromSeconds(10));
        Thread.Sleep(300);
        mails = sink.Messages();
        Assert.Equal(7, mails.Count);
        Assert.Equal(3, mails.Count(m => m.Header("X-Rcpt-Args").Contains("oncall@school.example")));
        var escalated = Assert.Single(mails, m => m.Header("X-Rcpt-Args").Contains("deputy@school.example"));
        Assert.Equal("[NetWatch] Safeguarding alert: suicide, severity 5 (not acknowledged: escalated)", escalated.Header("Subject"));
    }

    [Fact]
    public async Task The_dispatcher_waits_for_its_poll_with_nothing_due_until_a_failed_deliverys_retry_and_not_at_all_once_it_is_due()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 23, 10, 0));
        using var store = DuckDbStore.Open(_dir.File("store"));
        // Nothing listens on the SMTP port: the e-mail fails and is retried after RetryFirst (the live feed delivers).
        int closed;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var settings = ReadAlerts(AlertsYaml(closed, null)) with { Poll = Duration.FromMinutes(1) };
        var dispatcher = AlertDelivery.Create(settings, store, null, new AlertFeed(), _http, clock, NullLogger.Instance);
        Assert.Equal(TimeSpan.FromMinutes(1), await dispatcher.UntilNextPassAsync(default));
        await RaiseAsync(store, clock, ("a", "self-harm", 4));
        Assert.Equal(1, await dispatcher.RunOnceAsync(default));
        Assert.Equal(1, dispatcher.Failures);
        Assert.Equal(settings.RetryFirst.ToTimeSpan(), await dispatcher.UntilNextPassAsync(default));
        clock.Advance(settings.RetryFirst + Duration.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, await dispatcher.UntilNextPassAsync(default));
    }

    internal static AlertsSettings ReadAlerts(string yaml)
    {
        using var dir = new TempDirectory();
        var path = dir.File("c.yaml");
        File.WriteAllText(path, $"store: {dir.File("s")}\nsources:\n  - name: a\n    path: {dir.File("a.log")}\n    format: squid-native\n" + yaml);
        return ServiceConfigReader.Load(path).Alerts!;
    }

    /// <summary>One alert per (person, theme, severity), with its notification, committed as the observer commits them.</summary>
    internal static async Task<AlertChanges> RaiseAsync(IStore store, IClock clock, params (string Person, string Theme, int Severity)[] hits)
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var at = clock.GetCurrentInstant();
        var changes = grouper.Add(hits.Select((h, i) => AlertMatcher.Match(AlertTestEvents.Safeguarding(i, at, h.Person, h.Theme, h.Severity),
            AlertRules.Default, SuppressionSet.None)!).ToList(), at);
        using var session = store.Writer.Begin();
        await session.WriteAlertsAsync(changes.Alerts, changes.Notifications, default);
        await session.CommitAsync(default);
        return changes;
    }

    internal static async Task<List<Storage.Contracts.Alerts.Delivery>> Deliveries(DuckDbStore store)
    {
        var all = new List<Storage.Contracts.Alerts.Delivery>();
        foreach (var a in await store.Alerts.ListAsync(new() { Limit = 1000 }, default)) all.AddRange(await store.Outbox.DeliveriesAsync(a.Id, default));
        return all;
    }

    public void Dispose()
    {
        _http.Dispose();
        _dir.Dispose();
    }
}
