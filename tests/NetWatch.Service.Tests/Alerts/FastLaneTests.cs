using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// The alerts' fast lane in the pipeline over a real store: an alert-raising event is stored ahead and handed over
/// before the bulk sessions commit; the bulk session stores the event (counted once) and takes the alert over; a line
/// read again raises nothing; what a crash left in the lane is written first by the next run, once.
/// </summary>
public sealed class FastLaneTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromMinutes(2));   // a guard against hanging, not a timing
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 2, 10, 0));

    /// <summary>2,000 lines, each an event; line 1,990 a safeguarding search by p.pupil.</summary>
    private string Log()
    {
        var path = _dir.File("access.log");
        File.WriteAllLines(path, Enumerable.Range(1, 2000).Select(i => i == 1990 ? "alert" : "plain"));
        return path;
    }

    private static readonly EventId AlertEvent = LineParser.Event(1990, "alert").Id;

    [Fact]
    public async Task An_alert_is_handed_over_while_no_bulk_session_has_committed_and_its_event_is_stored_and_counted_once()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var writer = new HeldWriter(store.Writer);
        var (alerts, lane) = Observers(store);
        var handedOver = new TaskCompletionSource<AlertChanges>(TaskCreationOptions.RunContinuationsAsynchronously);
        alerts.Committed = c => { if (c.Notifications.Count > 0) handedOver.TrySetResult(c); };

        var run = RunAsync(writer, Log(), [alerts, lane]);
        var changes = await handedOver.Task.WaitAsync(_bound.Token);
        Assert.Equal(0, writer.Commits);                              // every bulk commit is held: the alert did not wait for one
        Assert.Null(await store.Search.GetAsync(AlertEvent, default));
        var pending = await store.FastLane.PendingAsync(default);     // durable before it was told
        Assert.Equal([AlertEvent], pending.Events.Select(e => e.Id));
        Assert.Equal(changes.Alerts.Single().Id, pending.Alerts.Single().Id);
        Assert.Equal(AlertNotification.New, pending.Notifications.Single().Reason);

        writer.Release();
        await run.WaitAsync(_bound.Token);
        AssertStoredOnce(store);
        Assert.True((await store.FastLane.PendingAsync(default)).IsEmpty);
    }

    [Fact]
    public async Task A_file_read_again_raises_nothing_again()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var log = Log();
        var (alerts, lane) = Observers(store);
        await RunAsync(store.Writer, log, [alerts, lane]);
        var (again, againLane) = Observers(store);
        var told = 0;
        again.Committed = c => told += c.Notifications.Count;
        await RunAsync(store.Writer, log, [again, againLane]);

        Assert.Equal(0, told);
        Assert.Equal(0, againLane.Stored);
        AssertStoredOnce(store);
    }

    [Fact]
    public async Task What_a_crash_left_in_the_lane_is_stored_by_the_next_run_first_once_and_the_replayed_line_raises_nothing()
    {
        var directory = _dir.File("store");
        using var store = DuckDbStore.Open(directory);
        // The run before the crash: the event, its alert and notification stored ahead; no bulk session committed.
        var e = LineParser.Event(1990, "alert");
        var grouper = new AlertGrouper(AlertGrouping.Default);
        var raised = grouper.Add([AlertMatcher.Match(e, AlertRules.Default, SuppressionSet.None)!], _clock.GetCurrentInstant());
        await store.FastLane.StoreAsync(new([e], raised.Alerts, raised.Notifications), default);

        var (alerts, lane) = Observers(store);
        var told = 0;
        alerts.Committed = c => told += c.Notifications.Count;
        var sessions = new List<string>();
        await RunAsync(store.Writer, Log(), [alerts, lane], stored => sessions.Add(stored.Batch.Source));

        Assert.Equal(AlertFastLane.RecoverySource, sessions[0]);
        Assert.Equal(1, lane.Recovered);
        Assert.Equal(0, told);                                      // the outbox tells it (the crash may have come before the feed did)
        AssertStoredOnce(store);
        Assert.Equal(raised.Alerts.Single().Id, StoreContents.Strings(directory, "SELECT id FROM alerts").Single());
        Assert.True((await store.FastLane.PendingAsync(default)).IsEmpty);
    }

    /// <summary>2,000 events once, the roll-ups counting 2,000; one alert of count 1 with its one 'new' notification.</summary>
    private void AssertStoredOnce(DuckDbStore store)
    {
        var directory = store.Location;
        Assert.Equal(2000, StoreContents.Count(directory, "SELECT count(DISTINCT id) FROM events"));
        Assert.Equal(2000, StoreContents.Count(directory, "SELECT count(*) FROM events"));
        Assert.Equal(2000, StoreContents.Count(directory, "SELECT sum(requests) FROM rollup_events"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT count(*) FROM alerts"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT sum(\"count\") FROM alerts"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT count(*) FROM alert_notifications WHERE reason = 'new'"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT count(*) FROM alert_notifications"));
    }

    private (AlertObserver Alerts, AlertFastLane Lane) Observers(DuckDbStore store)
    {
        var alerts = new AlertObserver(AlertRules.Default, new AlertGrouper(AlertGrouping.Default), store.Alerts, _clock, notify: true);
        return (alerts, new AlertFastLane(alerts, store.FastLane));
    }

    /// <summary>The file through the flow in blocks of about 700 lines, as the service reads one (each block a batch).</summary>
    private async Task RunAsync(IStoreWriter writer, string path, IReadOnlyList<IEventObserver> observers, Action<StoredBatch>? onStored = null)
    {
        var options = new PipelineOptions { BlockChars = 4096 };
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        await Source.UnfoldResource<LineBlock, LineBlockReader>(
                () => new LineBlockReader(LogFile.OpenText(path), path, options.BlockChars),
                reader => reader.Read() is { } block ? Akka.Util.Option<LineBlock>.Create(block) : Akka.Util.Option<LineBlock>.None,
                reader => reader.Dispose())
            .Select(block => new ParseJob(block, new LineParser()))
            .Via(StoreFlow.Create(writer, new EnrichStage([]), observers, _clock, options, CancellationToken.None))
            .RunForeach(stored => onStored?.Invoke(stored), system.Materializer());
    }

    /// <summary>"plain": an ordinary request; "alert": p.pupil's safeguarding search. Ids from the line number, as a re-read gives.</summary>
    private sealed class LineParser : ILogLineParser
    {
        public string Format => "fast-lane-test";

        public static NetEvent Event(long line, string text)
        {
            var at = Instant.FromUtc(2026, 12, 2, 9, 0) + Duration.FromSeconds(line);
            var e = text == "alert" ? AlertTestEvents.Safeguarding(line, at, "p.pupil") : TestEvents.Minimal(line, at, "s.student");
            return e with { Id = EventIdentity.Compute("fast-lane-test", line, text) };
        }

        public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin) => ParseResult.Ok(Event(origin.LineNumber, line.ToString()));
    }

    /// <summary>The store's writer with every commit held until <see cref="Release"/>.</summary>
    private sealed class HeldWriter(IStoreWriter inner) : IStoreWriter
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _commits;

        public int Commits => Volatile.Read(ref _commits);

        public void Release() => _release.TrySetResult();

        public IWriteSession Begin() => new Session(inner.Begin(), this);

        private sealed class Session(IWriteSession inner, HeldWriter writer) : IWriteSession
        {
            public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken c) => inner.WriteEventsAsync(events, c);
            public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken c) => inner.WriteDeadLettersAsync(deadLetters, c);
            public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken c) => inner.WriteFindingsAsync(findings, c);
            public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken c) => inner.WriteVisitsAsync(visits, c);
            public Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken c) =>
                inner.WriteAlertsAsync(alerts, notifications, c);
            public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken c) => inner.SaveCheckpointAsync(checkpoint, added, c);

            public async Task CommitAsync(CancellationToken c)
            {
                await writer._release.Task;
                await inner.CommitAsync(c);
                Interlocked.Increment(ref writer._commits);
            }

            public void Dispose() => inner.Dispose();
        }
    }

    public void Dispose()
    {
        _bound.Dispose();
        _dir.Dispose();
    }
}
