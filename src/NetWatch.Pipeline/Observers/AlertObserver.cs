using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Writing;
using NodaTime;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// Alerts for the DSL (issue 15): each batch's new events that an alert rule matches (and no suppression covers) are
/// grouped into alerts (<see cref="AlertGrouper"/>), and the alerts with the notifications they cause are written
/// through the batch's session, so they commit with it: a re-import or a restart after a crash raises nothing twice,
/// and nothing is notified before it is stored. Before its first matches it continues the stored open alerts of the
/// window before them; an alert the DSL has closed is not grown again (its next match raises a new one).
/// Findings are not events of the batch: <see cref="FindingObserver"/> hands over each finding the first time it
/// stores it (<see cref="IFindingListener"/>), in the same session, so a finding's alert commits with the finding.
/// </summary>
/// <param name="findingSchool">The school of findings (attribution's reference data is the install's, not a source's): the
/// sources' one school when they have one; null in a trust with several (a finding's alert then has no school).</param>
/// <param name="notify">Add the notifications to the outbox (the live service); an import or <c>run --once</c> stores the alerts
/// for the DSL without sending anything about the past.</param>
public sealed class AlertObserver(AlertRules rules, AlertGrouper grouper, IAlertStore alerts, IClock clock, bool notify, Organization? findingSchool = null)
    : IEventObserver, IFindingListener, ICommitListener
{
    /// <summary>How often the suppressions are read again (the DSL adds them through the API while the service runs).</summary>
    public static readonly Duration SuppressionRefresh = Duration.FromSeconds(1);

    private SuppressionSet _suppressions = SuppressionSet.None;
    private Instant? _suppressionsRead;
    private bool _seeded;
    /// <summary>What the session being written raised: handed to <see cref="Committed"/> once it commits.</summary>
    private readonly List<Alert> _uncommittedAlerts = [];
    private readonly List<AlertNotification> _uncommittedNotifications = [];

    /// <summary>
    /// Called on the store stage right after a session that raised notifications commits, with those notifications and
    /// the alerts' latest versions: the service publishes them on the live feed at once (the outbox still delivers
    /// every channel, the live feed's delivery included, and records it). Only for a notifying observer.
    /// </summary>
    public Action<AlertChanges>? Committed { get; set; }

    /// <summary>Alerts written so far (each version counted) and notifications raised.</summary>
    public long Written { get; private set; }
    public long Notified { get; private set; }

    public Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken) =>
        RaiseAsync(batch.New, session, cancellationToken);

    public Task FirstStoredAsync(IReadOnlyList<NetEvent> findings, IWriteSession session, CancellationToken cancellationToken) =>
        RaiseAsync(findingSchool is null ? findings : findings.Select(f => f.Organization is null ? f with { Organization = findingSchool } : f).ToList(),
            session, cancellationToken);

    /// <summary>Matches events (new requests, or findings stored for the first time) against the rules and writes the alerts they raise or grow.</summary>
    private async Task RaiseAsync(IReadOnlyList<NetEvent> events, IWriteSession session, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        var now = clock.GetCurrentInstant();
        if (_suppressionsRead is not { } read || now - read >= SuppressionRefresh)
        {
            _suppressions = new SuppressionSet(await alerts.SuppressionsAsync(includeRevoked: false, cancellationToken));
            _suppressionsRead = now;
        }
        var matches = new List<AlertMatch>();
        foreach (var e in events)
            if (AlertMatcher.Match(e, rules, _suppressions) is { } m) matches.Add(m);
        if (matches.Count == 0) return;
        if (!_seeded)
        {
            _seeded = true;
            grouper.Seed(await alerts.OpenSinceAsync(matches.Min(m => m.At) - grouper.Settings.Window, cancellationToken));
        }
        var held = matches.Select(m => grouper.Find(m.GroupKey)?.Id).OfType<string>().Distinct().ToList();
        foreach (var closed in await alerts.ClosedAmongAsync(held, cancellationToken)) grouper.Forget(closed);
        var changes = grouper.Add(matches, now);
        await session.WriteAlertsAsync(changes.Alerts, notify ? changes.Notifications : [], cancellationToken);
        Written += changes.Alerts.Count;
        if (notify) Notified += changes.Notifications.Count;
        if (notify && changes.Notifications.Count > 0)
        {
            _uncommittedAlerts.AddRange(changes.Alerts);
            _uncommittedNotifications.AddRange(changes.Notifications);
        }
    }

    void ICommitListener.Committed()
    {
        if (_uncommittedNotifications.Count == 0) return;
        // An alert changed twice in one session appears twice: its latest version (the later one) is the one stored.
        var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var a in _uncommittedAlerts) latest[a.Id] = a;
        var committed = new AlertChanges(latest.Values.ToList(), _uncommittedNotifications.ToList());
        _uncommittedAlerts.Clear();
        _uncommittedNotifications.Clear();
        Committed?.Invoke(committed);
    }

    public Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken) => Task.CompletedTask;
}
