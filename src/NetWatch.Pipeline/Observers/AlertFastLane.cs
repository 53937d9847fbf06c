using System.Diagnostics;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Storage.Contracts.Alerts;
using NetWatch.Storage.Contracts.Writing;

namespace NetWatch.Pipeline.Observers;

/// <summary>
/// The alerts' fast lane (issue 15: an alert must not wait behind the bulk event writes). Each enriched batch passes
/// here before it queues for the store stage: the events an alert rule matches are grouped by the
/// <see cref="AlertObserver"/>, stored at once with their alerts and notifications in a unit of work of their own
/// (<see cref="IAlertFastLane"/>: in DuckDB a file of its own, which the bulk session's commits and checkpoints never
/// hold up), and only then handed to the live feed. The batch carries a <see cref="StoredAhead"/> note to its write
/// session, which stores the events as any others (new to the store: the roll-ups, visits and findings count them
/// there, once) and takes the alert rows over in its transaction; once it commits, the lane forgets them.
/// <para>Exactly once: an event is raised ahead only if it is neither waiting in the lane nor stored by the bulk
/// writes (a line read twice). After a crash, what the lane holds is written by the first session (its events, their
/// alerts and notifications), before anything new, and grouping continues from those alert versions.</para>
/// </summary>
public sealed class AlertFastLane : IEventObserver, IStoresAhead, ICommitListener
{
    /// <summary>The source name of the batch that writes what a crash left in the lane.</summary>
    public const string RecoverySource = "(alerts fast lane)";

    private readonly AlertObserver _alerts;
    private readonly IAlertFastLane _lane;
    /// <summary>Events stored ahead that no committed session has taken over yet.</summary>
    private readonly HashSet<EventId> _waiting = [];
    /// <summary>What the session being written took over: forgotten by the lane once it commits.</summary>
    private long _takenUpTo = -1;
    /// <summary>The lane has forgotten every entry up to this sequence.</summary>
    private long _settled = -1;
    /// <summary>What the read-ahead stored, waiting for the bulk batch that holds its lines.</summary>
    private readonly EarlyEntries _early = new();
    /// <summary>One raise at a time: the read-ahead's and the bulk pipeline's (the "raised before?" question, then the store).</summary>
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<EventId> _taken = [];
    private bool _tookNotifications;

    public AlertFastLane(AlertObserver alerts, IAlertFastLane lane)
    {
        (_alerts, _lane) = (alerts, lane);
        alerts.EventsRaisedAhead = true;
    }

    /// <summary>Entries stored ahead so far, and entries a restart recovered.</summary>
    public long Stored { get; private set; }
    public long Recovered { get; private set; }

    /// <summary>Events stored ahead that no committed write session has taken over yet.</summary>
    public int Waiting
    {
        get { lock (_waiting) return _waiting.Count; }
    }

    /// <summary>Opens the lane before the first batch, so that the first alert after a start does not wait for its file.</summary>
    public Task OpenAsync(CancellationToken cancellationToken) => _lane.OpenAsync(cancellationToken);

    public async Task<(EventBatch Batch, object Note)?> RecoverAsync(CancellationToken cancellationToken)
    {
        // Once: the read-ahead stores entries into the lane as soon as this has run, which are not a crash's leavings.
        if (_recovered.Task.IsCompleted) return null;
        try
        {
            return await RecoverLeftAsync(cancellationToken);
        }
        finally
        {
            _recovered.TrySetResult();
        }
    }

    private async Task<(EventBatch Batch, object Note)?> RecoverLeftAsync(CancellationToken cancellationToken)
    {
        var left = await _lane.PendingAsync(cancellationToken);
        if (left.IsEmpty) return null;
        await _alerts.SeedRecoveredAsync(left.Alerts, cancellationToken);
        lock (_waiting) _waiting.UnionWith(left.Events.Select(e => e.Id));
        Recovered++;
        return (new EventBatch(RecoverySource, left.Events, [], 0, 0), new StoredAhead(left.Sequence, left.Events.Select(e => e.Id).ToList(), left.Alerts, left.Notifications));
    }

    /// <summary>
    /// Told of each entry stored ahead, with its hops (read, parsed, enriched, in the lane: the "raised before?" question,
    /// the commit, the hand-over to the live feed), for /metrics and the latency benchmark's trace.
    /// </summary>
    public Action<LaneTrace>? Timed { get; set; }

    public async Task<object?> AheadAsync(EventBatch batch, BatchTimes times, CancellationToken cancellationToken)
    {
        var asked = Stopwatch.GetTimestamp();
        await _order.WaitAsync(cancellationToken);
        try
        {
            // What the read-ahead stored for this batch's lines is taken over by its write session (the entry whose last
            // event this batch holds: an entry's earlier events may come in the batch before, and are then found waiting).
            var early = _early.TakeFor(batch.Events);
            var own = await RaiseAsync(batch, times, asked, cancellationToken);
            if (early.Count == 0) return own;
            if (own is not null) early.Add(own);
            return early.Count == 1 ? early[0] : new StoredAheadNotes(early);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>
    /// The read-ahead's part (<see cref="ReadAhead.AlertPreScreen"/>): candidates enriched ahead of the bulk pipeline are
    /// raised and stored at once, their entry kept until the bulk batch holding its last event takes it over.
    /// </summary>
    public async Task EarlyAsync(EventBatch candidates, BatchTimes times, CancellationToken cancellationToken)
    {
        var asked = Stopwatch.GetTimestamp();
        // Not before what a crash left in the lane is recovered: grouping continues from those alert versions.
        await _recovered.Task.WaitAsync(cancellationToken);
        await _order.WaitAsync(cancellationToken);
        try
        {
            if (await RaiseAsync(candidates, times, asked, cancellationToken) is { } note) _early.Park(note);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>Raises what a batch's events match and nothing raised before, stores it in the lane and tells the live feed.</summary>
    /// <param name="asked">When the raise asked for the lane (Stopwatch ticks), before waiting for the one ahead of it.</param>
    private async Task<StoredAhead?> RaiseAsync(EventBatch batch, BatchTimes times, long asked, CancellationToken cancellationToken)
    {
        var entered = Stopwatch.GetTimestamp();
        var enteredMark = Timeline.Start();
        long checkedAt = 0;
        Timeline.Mark checkedMark = default;
        var (events, changes) = await _alerts.RaiseAheadAsync(batch.Events, async matched =>
        {
            var taken = await TakenAsync(matched);
            checkedAt = Stopwatch.GetTimestamp();
            checkedMark = Timeline.Start();
            return taken;
        }, cancellationToken);
        if (events.Count == 0) return null;
        var storing = Stopwatch.GetTimestamp();
        var storingMark = Timeline.Start();
        var sequence = await _lane.StoreAsync(new FastLaneEntry(events, changes.Alerts, changes.Notifications), cancellationToken);
        var stored = Stopwatch.GetTimestamp();
        var storedMark = Timeline.Start();
        lock (_waiting) _waiting.UnionWith(events.Select(e => e.Id));
        Stored++;
        // Durable now: told at once (the live feed), the outbox's other channels after the bulk session takes it over.
        if (changes.Notifications.Count > 0) _alerts.Committed?.Invoke(changes);
        Timed?.Invoke(new LaneTrace(times, entered, checkedAt, stored, Stopwatch.GetTimestamp(), events,
            new LaneSteps(asked, storing, enteredMark, checkedMark, storingMark, storedMark)));
        return new StoredAhead(sequence, events.Select(e => e.Id).ToList(), changes.Alerts, changes.Notifications);
    }

    /// <summary>Of matched events, those raised before: waiting in the lane (asked first: a session committing meanwhile
    /// has then stored them where the next question finds them), or stored by the bulk writes.</summary>
    private async Task<IReadOnlySet<EventId>> TakenAsync(IReadOnlyList<NetEvent> events)
    {
        var taken = new HashSet<EventId>();
        lock (_waiting)
            foreach (var e in events)
                if (_waiting.Contains(e.Id)) taken.Add(e.Id);
        var rest = taken.Count == 0 ? events : events.Where(e => !taken.Contains(e.Id)).ToList();
        if (rest.Count > 0) taken.UnionWith(await _lane.StoredAmongAsync(rest, CancellationToken.None));
        return taken;
    }

    /// <summary>The write session takes over what was stored ahead for its batches: the alert rows, in its transaction.</summary>
    public async Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken)
    {
        // Every entry's alert rows in one write, in the entries' order (the session keeps the last version of each alert):
        // its cost is per statement, not per row.
        List<Alert>? alerts = null;
        List<AlertNotification>? notifications = null;
        foreach (var ahead in batch.Notes.OfType<StoredAhead>().Concat(batch.Notes.OfType<StoredAheadNotes>().SelectMany(n => n.Entries)))
        {
            (alerts ??= []).AddRange(ahead.Alerts);
            (notifications ??= []).AddRange(ahead.Notifications);
            _takenUpTo = Math.Max(_takenUpTo, ahead.Sequence);
            _taken.AddRange(ahead.Events);
            _tookNotifications |= ahead.Notifications.Count > 0;
        }
        if (alerts is not null && (alerts.Count > 0 || notifications!.Count > 0))
            await session.WriteAlertsAsync(alerts, notifications!, cancellationToken);
    }

    void ICommitListener.Committed()
    {
        if (_taken.Count == 0 && _takenUpTo <= _settled) return;
        // The session committed: the lane may forget, up to the read-ahead's first entry not yet taken over (the lane
        // forgets by sequence). A crash before this leaves them there, and the next run's first session stores them
        // again: the events are then found stored, the alert rows replaced by the same.
        var upTo = _early.LowestSequence is { } parked ? Math.Min(_takenUpTo, parked - 1) : _takenUpTo;
        if (upTo > _settled)
        {
            var phase = PhaseTimes.Start();
            _lane.SettleAsync(upTo, CancellationToken.None).GetAwaiter().GetResult();
            _settled = upTo;
            PhaseTimes.Add("store: fast lane settle (after commit)", phase);
        }
        lock (_waiting) _waiting.ExceptWith(_taken);
        _taken.Clear();
        // The notifications are in the store's outbox now: its other channels (e-mail, webhooks) can go. Nothing is
        // handed over for the live feed again (it was told at the fast commit; the outbox pass records it).
        if (_tookNotifications)
        {
            _tookNotifications = false;
            _alerts.Committed?.Invoke(AlertChanges.None);
        }
    }

    public Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>What the fast lane stored ahead for a batch (its entry's sequence, the events, the alert versions and notifications).</summary>
public sealed record StoredAhead(long Sequence, IReadOnlyList<EventId> Events, IReadOnlyList<Alert> Alerts, IReadOnlyList<AlertNotification> Notifications);

/// <summary>Several entries for one batch: the read-ahead's for its lines, and the bulk path's own.</summary>
public sealed record StoredAheadNotes(IReadOnlyList<StoredAhead> Entries);
