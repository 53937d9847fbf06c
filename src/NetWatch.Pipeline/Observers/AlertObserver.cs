using NetWatch.Core.Alerts;
using NetWatch.Core.Diagnostics;
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

    /// <summary>
    /// Set by <see cref="AlertFastLane"/>: the batch's events were matched and grouped before the store stage, and their
    /// alerts stored ahead; this observer then raises only the alerts of findings.
    /// </summary>
    internal bool EventsRaisedAhead { get; set; }

    /// <summary>Serialises grouping: the fast lane groups events ahead while the store stage groups findings.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken) =>
        EventsRaisedAhead ? Task.CompletedTask : RaiseAsync(batch.New, session, cancellationToken);

    public Task FirstStoredAsync(IReadOnlyList<NetEvent> findings, IWriteSession session, CancellationToken cancellationToken) =>
        RaiseAsync(findingSchool is null ? findings : findings.Select(f => f.Organization is null ? f with { Organization = findingSchool } : f).ToList(),
            session, cancellationToken);

    /// <summary>Matches events (new requests, or findings stored for the first time) against the rules and writes the alerts they raise or grow.</summary>
    private async Task RaiseAsync(IReadOnlyList<NetEvent> events, IWriteSession session, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var matched = await MatchAsync(events, cancellationToken);
            if (matched.Count == 0) return;
            var changes = await GroupAsync(matched.Select(m => m.Match).ToList(), cancellationToken);
            await session.WriteAlertsAsync(changes.Alerts, notify ? changes.Notifications : [], cancellationToken);
            if (notify && changes.Notifications.Count > 0)
            {
                _uncommittedAlerts.AddRange(changes.Alerts);
                _uncommittedNotifications.AddRange(changes.Notifications);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The fast lane's part (<see cref="AlertFastLane"/>): matches an enriched batch's events, leaves out those
    /// <paramref name="taken"/> says were raised before (stored ahead and not yet settled, or stored by the bulk writes),
    /// and groups the rest. Returns the events that raised or grew alerts, and the alerts' changes (each alert's
    /// latest version once) with the notifications.
    /// </summary>
    internal async Task<(IReadOnlyList<NetEvent> Events, AlertChanges Changes)> RaiseAheadAsync(IReadOnlyList<NetEvent> events,
        Func<IReadOnlyList<NetEvent>, Task<IReadOnlySet<EventId>>> taken, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var matched = await MatchAsync(events, cancellationToken);
            if (matched.Count == 0) return ([], AlertChanges.None);
            var skip = await taken(matched.Select(m => m.Event).ToList());
            var seen = new HashSet<EventId>();
            matched = matched.Where(m => !skip.Contains(m.Event.Id) && seen.Add(m.Event.Id)).ToList();
            if (matched.Count == 0) return ([], AlertChanges.None);
            var changes = await GroupAsync(matched.Select(m => m.Match).ToList(), cancellationToken);
            return (matched.Select(m => m.Event).ToList(), notify ? changes : changes with { Notifications = [] });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// After a crash: gives grouping the alert versions the fast lane stored and no write session took over, over the
    /// stored alerts of their window (so the next match grows the latest version, not an older one).
    /// </summary>
    internal async Task SeedRecoveredAsync(IReadOnlyList<Alert> recovered, CancellationToken cancellationToken)
    {
        if (recovered.Count == 0) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
            foreach (var a in recovered) latest[a.Id] = a;
            var stored = await alerts.OpenSinceAsync(recovered.Min(a => a.FirstSeen) - grouper.Settings.Window, cancellationToken);
            grouper.Seed(stored.Where(a => !latest.ContainsKey(a.Id)));
            grouper.Seed(latest.Values);
            _seeded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The events an alert rule matches (no suppression covering them), with their matches.</summary>
    private async Task<List<(NetEvent Event, AlertMatch Match)>> MatchAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
    {
        var matched = new List<(NetEvent, AlertMatch)>();
        if (events.Count == 0) return matched;
        var now = clock.GetCurrentInstant();
        if (_suppressionsRead is not { } read || now - read >= SuppressionRefresh)
        {
            var reading = PhaseTimes.Start();
            _suppressions = new SuppressionSet(await alerts.SuppressionsAsync(includeRevoked: false, cancellationToken));
            _suppressionsRead = now;
            PhaseTimes.Add("alerts: suppressions read", reading);
        }
        var phase = PhaseTimes.Start();
        foreach (var e in events)
            if (AlertMatcher.Match(e, rules, _suppressions) is { } m) matched.Add((e, m));
        PhaseTimes.Add("alerts: match", phase);
        return matched;
    }

    /// <summary>Groups matches into the alerts they raise or grow (seeding grouping from the store before the first).</summary>
    private async Task<AlertChanges> GroupAsync(IReadOnlyList<AlertMatch> matches, CancellationToken cancellationToken)
    {
        if (!_seeded)
        {
            _seeded = true;
            grouper.Seed(await alerts.OpenSinceAsync(matches.Min(m => m.At) - grouper.Settings.Window, cancellationToken));
        }
        var held = matches.Select(m => grouper.Find(m.GroupKey)?.Id).OfType<string>().Distinct().ToList();
        foreach (var closed in await alerts.ClosedAmongAsync(held, cancellationToken)) grouper.Forget(closed);
        var changes = grouper.Add(matches, clock.GetCurrentInstant());
        Written += changes.Alerts.Count;
        if (notify) Notified += changes.Notifications.Count;
        return changes;
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
