using DuckDB.NET.Data;
using NetWatch.Core.Alerts;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Storage.Alerts;
using NetWatch.Storage.Checkpoints;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Storage.Events;
using NetWatch.Storage.Rollups;
using NetWatch.Storage.Visits;
using NodaTime;

namespace NetWatch.Storage.Writing;

/// <summary>
/// One DuckDB transaction: everything written through the session is committed together by
/// <see cref="CommitAsync"/>, or rolled back when it is disposed first (a crash leaves the same: nothing).
/// </summary>
internal sealed class DuckDbWriteSession : IWriteSession
{
    private readonly DuckDBConnection _connection;
    private readonly EventBatchWriter _batches;
    /// <summary>The visits' rows into their table (the writer connection's function).</summary>
    private readonly RowsInsert<IVisitView> _visits;
    private readonly RollupWriter _rollups;
    private readonly IClock _clock;
    private readonly RowGroupCheckpoints? _checkpoints;
    private readonly bool _rollupsAtClose;
    private readonly OwedSessions _owedSessions;
    /// <summary>This session's number when it leaves its roll-ups owed (begun behind), else null: it counts them.</summary>
    private readonly long? _owed;
    private const string RollupsPhase = "store: roll-ups (or owed)";
    private DuckDBTransaction? _transaction;
    /// <summary>Rows appended to events in this session (what the next checkpoint will mostly compress).</summary>
    private long _rows;

    public DuckDbWriteSession(DuckDBConnection connection, EventBatchWriter batches, RowsInsert<IVisitView> visits, RollupWriter rollups, IClock clock, RowGroupCheckpoints? checkpoints,
        bool rollupsAtClose, OwedSessions owedSessions, long? owed)
    {
        _connection = connection;
        _batches = batches;
        _visits = visits;
        _rollups = rollups;
        _clock = clock;
        _checkpoints = checkpoints;
        _rollupsAtClose = rollupsAtClose;
        _owedSessions = owedSessions;
        _owed = owed;
        _transaction = connection.BeginTransaction();
        _batches.Owe(owed);
        if (owed is { } session) RollupCatchUp.Given(connection, session);
        else if (!rollupsAtClose) CatchUp();
    }

    /// <summary>Keeping up: one session a behind stage left owed counted, in this transaction (a step: what a session keeping
    /// up waits for is bounded by one behind session's events).</summary>
    private void CatchUp()
    {
        var step = PhaseTimes.Start();
        // Rolled back with the session: its pairs are pending again, and the writer forgets the values (RollupWriter.RolledBack).
        if (_owedSessions.Step() is { } added) _rollups.Stored(added.Spellings, added.Hosts);
        PhaseTimes.Add(RollupCatchUp.Phase + "steps", step);
    }

    public bool IsOpen => _transaction is not null;

    public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        var result = _batches.InsertNew(events);
        _rows += result.New.Count;
        // The roll-ups count exactly the events this transaction stores: counted now and appended at the commit, or (an
        // import) at the store's close, the hours owed committed with the events, or (behind) by a later session's
        // catch-up, the session's pairs owed committed with its events, which carry its number.
        var rollups = PhaseTimes.Start();
        if (_rollupsAtClose || _owed is not null) RollupPending.Mark(_connection, result.New, _owed);
        else _rollups.Count(result.New);
        PhaseTimes.Add(RollupsPhase, rollups);
        return Task.FromResult(result);
    }

    public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.InsertDeadLetters(deadLetters);
        return Task.CompletedTask;
    }

    public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // what follows depends on the events being committed with it
        _batches.Replace(findings);
        _rows += findings.Count;
        return Task.CompletedTask;
    }

    public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // what follows depends on the events being committed with it
        // Not counted towards a checkpoint: the service rewrites every touched open visit with each batch, so counting them
        // would checkpoint every few sessions (frequent small checkpoints cost more and stall as long).
        var phase = PhaseTimes.Start();
        VisitTable.ReplaceByFirstEvent(_connection, _visits, visits);
        PhaseTimes.Add("store: visits write (in observer)", phase);
        return Task.CompletedTask;
    }

    public Task AddVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // what follows depends on the events being committed with it
        var phase = PhaseTimes.Start();
        VisitTable.Append(_visits, visits);
        PhaseTimes.Add("store: visits write (in observer)", phase);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Visit>> LatestVisitsAsync(IReadOnlyCollection<(string Person, string Domain)> keys, Instant endingFrom,
        CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // the visits written before in this session are what it reads back
        var phase = PhaseTimes.Start();
        var visits = VisitTable.Latest(_connection, keys, endingFrom);
        PhaseTimes.Add("store: visits reload (in observer)", phase);
        return Task.FromResult<IReadOnlyList<Visit>>(visits);
    }

    public Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // what follows depends on the events being committed with it
        var phase = PhaseTimes.Start();
        AlertTable.Upsert(_connection, alerts);
        PhaseTimes.Add("store: alerts upsert", phase);
        PhaseTimes.Size("store: alerts upserted per call", alerts.Count);
        phase = PhaseTimes.Start();
        AlertTable.AddNotifications(_connection, notifications);
        PhaseTimes.Add("store: alert notifications insert", phase);
        PhaseTimes.Size("store: alert notifications per call", notifications.Count);
        return Task.CompletedTask;
    }

    public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        _batches.Whole?.MoveHeld(); // what follows depends on the events being committed with it
        CheckpointTable.Save(_connection, checkpoint, added, _clock.GetCurrentInstant());
        return Task.CompletedTask;
    }

    public Task TakeSideAsync(long sequence, CancellationToken cancellationToken)
    {
        Open(cancellationToken);
        StoreInfo.Set(_connection, SideFile.DuckDbSideFile.TakenKey, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        var transaction = Open(cancellationToken);
        _batches.BeforeCommit();
        // The session's roll-up rows, one per key whatever its write calls, in the transaction they are committed with.
        var rollups = PhaseTimes.Start();
        _rollups.Write();
        PhaseTimes.Add(RollupsPhase, rollups);
        transaction.Commit();
        transaction.Dispose();
        _transaction = null;
        _rollups.Committed();
        if (_owed is not null) _owedSessions.Committed();
        _checkpoints?.Committed(_rows);
        return Task.CompletedTask;
    }

    private DuckDBTransaction Open(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _transaction ?? throw new InvalidOperationException("the write session has been committed or disposed");
    }

    /// <summary>Without a commit, rolls back everything the session wrote.</summary>
    public void Dispose()
    {
        if (_transaction is not null) _rollups.RolledBack();
        var rolledBack = _transaction is not null;
        _transaction?.Dispose();
        _transaction = null;
        if (rolledBack) _batches.RolledBack();
    }
}
