using NetWatch.Core.Alerts;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Retention;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Storage.Tests.Contracts;

public abstract partial class StoreContractTests
{
    private static readonly Instant AlertTime = Instant.FromUtc(2026, 11, 23, 10, 0);

    /// <summary>Alerts and notifications of the safeguarding events, grouped as the observer groups them.</summary>
    private static AlertChanges Raise(AlertGrouper grouper, params (long Line, int Minute, string Person, int Severity)[] hits) =>
        grouper.Add(hits.Select(h => AlertMatcher.Match(AlertTestEvents.Safeguarding(h.Line, AlertTime + Duration.FromMinutes(h.Minute), h.Person, severity: h.Severity),
            AlertRules.Default, SuppressionSet.None)!).ToList(), AlertTime);

    private async Task WriteAlertsAsync(AlertChanges changes)
    {
        using var session = Store.Writer.Begin();
        await session.WriteAlertsAsync(changes.Alerts, changes.Notifications, None);
        await session.CommitAsync(None);
    }

    [Fact]
    public async Task Alerts_are_stored_with_the_batch_and_read_back_whole()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var changes = Raise(grouper, (1, 0, "a", 3), (2, 5, "a", 4), (3, 0, "b", 2));
        using (var uncommitted = Store.Writer.Begin())
            await uncommitted.WriteAlertsAsync(changes.Alerts, changes.Notifications, None);
        if (RollsBackUncommittedSessions) Assert.Empty(await Store.Alerts.ListAsync(new AlertQuery(), None));

        await WriteAlertsAsync(changes);
        var stored = await Store.Alerts.ListAsync(new AlertQuery(), None);
        Assert.Equal(2, stored.Count);
        var a = Assert.Single(stored, x => x.Subject.Person == "a");
        var expected = changes.Alerts.Single(x => x.Subject.Person == "a");
        Assert.Equal((expected.Id, 2L, 4, 2, AlertStatus.New), (a.Id, a.Count, a.Severity, a.Version, a.Status));
        Assert.Equal(expected.EventIds, a.EventIds);
        Assert.Equal(expected.Evidence, a.Evidence);
        Assert.Equal(expected.Subject, a.Subject);
        Assert.Equal((expected.FirstSeen, expected.LastSeen), (a.FirstSeen, a.LastSeen));
        Assert.Equal(["a"], (await Store.Alerts.ListAsync(new AlertQuery { MinSeverity = 4 }, None)).Select(x => x.Subject.Person));
        Assert.Equal(["a"], (await Store.Alerts.ListAsync(new AlertQuery { Person = "a" }, None)).Select(x => x.Subject.Person));
        Assert.Equal(3, (await Store.Outbox.UnroutedAsync(10, None)).Count); // a: new, severity raised; b: new
    }

    [Fact]
    public async Task Several_versions_of_an_alert_in_one_write_store_the_last_once()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var first = Raise(grouper, (1, 0, "a", 3));
        var second = Raise(grouper, (2, 3, "a", 4), (3, 0, "b", 2));
        using (var session = Store.Writer.Begin())
        {
            // As the fast lane hands over several entries' versions in one write, the older first (a notification twice:
            // the read-ahead's entry and a recovered one may both hold it).
            await session.WriteAlertsAsync([.. first.Alerts, .. second.Alerts], [.. first.Notifications, .. second.Notifications, .. first.Notifications], None);
            await session.CommitAsync(None);
        }
        var stored = await Store.Alerts.ListAsync(new AlertQuery(), None);
        var a = Assert.Single(stored, x => x.Subject.Person == "a");
        Assert.Equal((2L, 4, 2), (a.Count, a.Severity, a.Version));
        Assert.Equal(first.Alerts[0].RaisedAt, a.RaisedAt);
        Assert.Equal(2, stored.Count);
        Assert.Equal(first.Notifications.Count + second.Notifications.Count, (await Store.Outbox.UnroutedAsync(10, None)).Count);
    }

    [Fact]
    public async Task The_pipelines_writes_never_overwrite_the_triage_and_closed_alerts_are_known()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var first = Raise(grouper, (1, 0, "a", 3));
        await WriteAlertsAsync(first);
        var id = first.Alerts[0].Id;
        var triaged = (await Store.Alerts.GetAsync(id, None))! with
        {
            Status = AlertStatus.Closed, Outcome = AlertOutcome.Referred, Assignee = "deputy", Notes = [new AlertNote(AlertTime, "dsl", "spoke to form tutor")],
        };
        Assert.True(await Store.Alerts.SaveTriageAsync(triaged, None));
        Assert.False(await Store.Alerts.SaveTriageAsync(triaged with { Id = "nope" }, None));
        await WriteAlertsAsync(Raise(grouper, (2, 3, "a", 3)));

        var now = (await Store.Alerts.GetAsync(id, None))!;
        Assert.Equal((2L, AlertStatus.Closed, AlertOutcome.Referred, "deputy"), (now.Count, now.Status, now.Outcome, now.Assignee));
        Assert.Equal("spoke to form tutor", Assert.Single(now.Notes).Text);
        Assert.Equal([id], await Store.Alerts.ClosedAmongAsync([id, "other"], None));
        Assert.Empty(await Store.Alerts.OpenSinceAsync(AlertTime - Duration.FromHours(1), None));
        Assert.Single(await Store.Alerts.ListAsync(new AlertQuery { Status = AlertStatus.Closed }, None));
        Assert.Empty(await Store.Alerts.ListAsync(new AlertQuery { Status = AlertStatus.New }, None));
    }

    [Fact]
    public async Task The_outbox_routes_each_notification_once_and_delivers_each_delivery_once_across_a_reopen()
    {
        var changes = Raise(new AlertGrouper(AlertGrouping.Default), (1, 0, "a", 3));
        await WriteAlertsAsync(changes);
        await WriteAlertsAsync(changes); // the same notification again adds nothing
        var n = Assert.Single(await Store.Outbox.UnroutedAsync(10, None));
        Assert.False(await Store.Outbox.AddNotificationAsync(n, None));
        var deliveries = new[] { "dsl@school.example", "oncall@school.example" }.Select(to => new Delivery
        {
            Key = Delivery.KeyOf(n.Key, "email-0", to), NotificationKey = n.Key, AlertId = n.AlertId, Version = n.Version, Reason = n.Reason,
            Channel = "email-0", Recipient = to, CreatedAt = AlertTime, NextAttempt = AlertTime,
        }).ToList();
        await Store.Outbox.RouteAsync(n, deliveries, None);
        await Store.Outbox.RouteAsync(n, deliveries, None);
        Assert.Empty(await Store.Outbox.UnroutedAsync(10, None));
        Assert.Equal(2, (await Store.Outbox.DueAsync(AlertTime, 10, None)).Count);

        await Store.Outbox.MarkDeliveredAsync(deliveries[0].Key, AlertTime, None);
        await Store.Outbox.MarkFailedAsync(deliveries[1].Key, 1, AlertTime + Duration.FromSeconds(2), "connection refused", None);
        Reopen();
        Assert.Empty(await Store.Outbox.DueAsync(AlertTime + Duration.FromSeconds(1), 10, None));
        Assert.Equal(AlertTime + Duration.FromSeconds(2), await Store.Outbox.NextDueAsync(None));
        var retry = Assert.Single(await Store.Outbox.DueAsync(AlertTime + Duration.FromSeconds(2), 10, None));
        Assert.Equal((deliveries[1].Key, 1, "connection refused"), (retry.Key, retry.Attempts, retry.LastError));
        await Store.Outbox.MarkDeliveredAsync(retry.Key, AlertTime + Duration.FromSeconds(2), None);
        Assert.Null(await Store.Outbox.NextDueAsync(None));
        Assert.All(await Store.Outbox.DeliveriesAsync(n.AlertId, None), d => Assert.NotNull(d.DeliveredAt));
    }

    [Fact]
    public async Task Suppressions_are_listed_and_revoked_not_deleted()
    {
        var s = new Suppression { Id = "s1", School = "100001", SearchTerm = "self harm awareness", Reason = "PSHE lesson", AlertId = "a1", CreatedBy = "dsl", CreatedAt = AlertTime };
        await Store.Alerts.AddSuppressionAsync(s, None);
        Assert.Equal([s], await Store.Alerts.SuppressionsAsync(false, None));
        Assert.True(await Store.Alerts.RevokeSuppressionAsync("s1", "deputy", AlertTime + Duration.FromDays(1), None));
        Assert.False(await Store.Alerts.RevokeSuppressionAsync("s1", "deputy", AlertTime + Duration.FromDays(1), None));
        Assert.Empty(await Store.Alerts.SuppressionsAsync(false, None));
        var revoked = Assert.Single(await Store.Alerts.SuppressionsAsync(true, None));
        Assert.Equal(("deputy", AlertTime + Duration.FromDays(1)), (revoked.RevokedBy, revoked.RevokedAt));
    }

    [Fact]
    public async Task Retention_deletes_old_alerts_with_their_outbox_and_keeps_referrals_apart()
    {
        var grouper = new AlertGrouper(AlertGrouping.Default);
        await WriteAlertsAsync(Raise(grouper, (1, 0, "a", 3), (2, 0, "b", 3), (3, 60 * 24 * 40, "c", 3)));
        var referred = (await Store.Alerts.ListAsync(new AlertQuery { Person = "b" }, None))[0] with { Status = AlertStatus.Closed, Outcome = AlertOutcome.Referred };
        await Store.Alerts.SaveTriageAsync(referred, None);
        var cut = AlertTime + Duration.FromDays(30);

        Assert.Equal(1, await Store.Retention.DeleteOlderThanAsync(RecordKind.Alerts, cut, None));
        Assert.Equal(["b", "c"], (await Store.Alerts.ListAsync(new AlertQuery(), None)).Select(a => a.Subject.Person).Order());
        Assert.Equal(2, (await Store.Outbox.UnroutedAsync(10, None)).Count);
        Assert.Equal(1, await Store.Retention.DeleteOlderThanAsync(RecordKind.ReferredAlerts, cut, None));
        Assert.Equal(["c"], (await Store.Alerts.ListAsync(new AlertQuery(), None)).Select(a => a.Subject.Person));
    }
}
