using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Alerts;
using NetWatch.Core.Parsing.Squid;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Service.Tests.Alerts;

/// <summary>
/// The alerts' read-ahead (<see cref="AlertPreScreen"/>) with the fast lane over a real store: a safeguarding search is
/// raised from the lines as written while the bulk pipeline has not read them; the bulk pipeline then stores the same
/// events (counted once) and takes the alert over; an entry whose lines the bulk pipeline reads in two batches is taken
/// over once; a replay raises nothing again.
/// </summary>
public sealed class ReadAheadTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _bound = new(TimeSpan.FromMinutes(2));   // a guard against hanging, not a timing
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 2, 10, 0));
    private static readonly EnrichStage Classification = new([new EnrichmentStage("classification", ["url.original"],
        ["netwatch.categories", "netwatch.search", "netwatch.safeguarding"], new ClassificationEnricher(new UrlCategorizer([])))]);

    /// <summary>Squid lines, all plain but those whose number is given: a safeguarding search by p.pupil.</summary>
    private string Log(params int[] alertLines)
    {
        var path = _dir.File("access.log");
        File.WriteAllLines(path, Enumerable.Range(1, 2000).Select(i => alertLines.Contains(i)
            ? $"{1796202000 + i}.000     12 10.0.0.7 TCP_MISS/200 5120 GET http://www.google.co.uk/search?q=how+to+self+harm&hl=en-GB p.pupil HIER_DIRECT/10.0.0.2 text/html"
            : $"{1796202000 + i}.000     12 10.0.0.8 TCP_MISS/200 812 GET http://www.bbc.co.uk/news/item{i} s.student HIER_DIRECT/10.0.0.3 text/html"));
        return path;
    }

    [Fact]
    public async Task An_alert_is_raised_from_the_lines_before_the_bulk_pipeline_reads_them_and_stored_once_when_it_does()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var (alerts, lane, screen) = Observers(store);
        var told = new List<AlertChanges>();
        alerts.Committed = c => { if (c.Notifications.Count > 0) told.Add(c); };
        var log = Log(1990);

        Assert.Null(await lane.RecoverAsync(_bound.Token));                 // as the bulk flow does before its first batch
        await screen.ScreenAsync(WholeFile(log), new SquidNativeParser(), null, 0, _bound.Token);
        var alert = Assert.Single(Assert.Single(told).Alerts);             // told: the bulk pipeline has read nothing
        Assert.False(string.IsNullOrEmpty(alert.Theme));
        Assert.Equal("p.pupil", alert.Subject.Person);
        Assert.Equal(1, screen.CandidatesFound);
        Assert.Equal(0, StoreContents.Count(store.Location, "SELECT count(*) FROM events"));
        Assert.Single((await store.FastLane.PendingAsync(default)).Events);  // durable before it was told

        await RunBulkAsync(store, log, [alerts, lane]);
        Assert.Single(told);                                                // the bulk pipeline raised nothing again
        Assert.Equal(1, lane.Stored);
        AssertStored(store, hits: 1);
        Assert.True((await store.FastLane.PendingAsync(default)).IsEmpty);  // taken over and settled
    }

    [Fact]
    public async Task An_entry_whose_lines_the_bulk_pipeline_reads_in_two_batches_is_taken_over_once()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var (alerts, lane, screen) = Observers(store);
        var notified = 0;
        alerts.Committed = c => notified += c.Notifications.Count;
        var log = Log(100, 200);                                            // one read-ahead block; bulk blocks of ~30 lines

        await lane.RecoverAsync(_bound.Token);
        await screen.ScreenAsync(WholeFile(log), new SquidNativeParser(), null, 0, _bound.Token);
        await RunBulkAsync(store, log, [alerts, lane]);

        Assert.Equal(1, lane.Stored);
        Assert.Equal(1, notified);                                          // one alert, grown by the second hit in the same entry
        AssertStored(store, hits: 2);
        Assert.True((await store.FastLane.PendingAsync(default)).IsEmpty);
    }

    [Fact]
    public async Task A_replay_with_the_read_ahead_raises_nothing_again()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var log = Log(1990);
        var (alerts, lane, screen) = Observers(store);
        await lane.RecoverAsync(_bound.Token);
        await screen.ScreenAsync(WholeFile(log), new SquidNativeParser(), null, 0, _bound.Token);
        await RunBulkAsync(store, log, [alerts, lane]);

        var (again, againLane, againScreen) = Observers(store);
        var told = 0;
        again.Committed = c => told += c.Notifications.Count;
        await againLane.RecoverAsync(_bound.Token);
        await againScreen.ScreenAsync(WholeFile(log), new SquidNativeParser(), null, 0, _bound.Token);
        await RunBulkAsync(store, log, [again, againLane]);

        Assert.Equal(0, told);
        Assert.Equal(0, againLane.Stored);
        AssertStored(store, hits: 1);
    }

    [Fact]
    public void It_does_not_run_beside_a_stage_with_state_of_its_own_nor_without_classification()
    {
        using var store = DuckDbStore.Open(_dir.File("store"));
        var alerts = new AlertObserver(AlertRules.Default, new AlertGrouper(AlertGrouping.Default), store.Alerts, _clock, notify: true);
        var lane = new AlertFastLane(alerts, store.FastLane);
        Assert.NotNull(AlertPreScreen.For(Classification.Stages, lane, _clock));
        Assert.Null(AlertPreScreen.For([], lane, _clock));
        var noted = Classification.Stages[0] with { TakeNote = () => "pending findings" };
        Assert.Null(AlertPreScreen.For([noted], lane, _clock));
    }

    /// <summary>2,000 events once; one alert of count <paramref name="hits"/> with its one 'new' notification.</summary>
    private static void AssertStored(DuckDbStore store, int hits)
    {
        var directory = store.Location;
        Assert.Equal(2000, StoreContents.Count(directory, "SELECT count(DISTINCT id) FROM events"));
        Assert.Equal(2000, StoreContents.Count(directory, "SELECT count(*) FROM events"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT count(*) FROM alerts"));
        Assert.Equal(hits, StoreContents.Count(directory, "SELECT sum(\"count\") FROM alerts"));
        Assert.Equal(1, StoreContents.Count(directory, "SELECT count(*) FROM alert_notifications"));
    }

    private (AlertObserver Alerts, AlertFastLane Lane, AlertPreScreen Screen) Observers(DuckDbStore store)
    {
        var alerts = new AlertObserver(AlertRules.Default, new AlertGrouper(AlertGrouping.Default), store.Alerts, _clock, notify: true);
        var lane = new AlertFastLane(alerts, store.FastLane);
        return (alerts, lane, AlertPreScreen.For(Classification.Stages, lane, _clock)!);
    }

    private static LineBlock WholeFile(string path)
    {
        using var reader = new LineBlockReader(LogFile.OpenText(path), path, 1 << 22);
        return reader.Read()!;
    }

    /// <summary>The file through the bulk flow in blocks of 4,096 characters (each block a batch).</summary>
    private async Task RunBulkAsync(DuckDbStore store, string path, IReadOnlyList<IEventObserver> observers)
    {
        var options = new PipelineOptions { BlockChars = 4096 };
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        await Source.UnfoldResource<LineBlock, LineBlockReader>(
                () => new LineBlockReader(LogFile.OpenText(path), path, options.BlockChars),
                reader => reader.Read() is { } block ? Akka.Util.Option<LineBlock>.Create(block) : Akka.Util.Option<LineBlock>.None,
                reader => reader.Dispose())
            .Select(block => new ParseJob(block, new SquidNativeParser()))
            .Via(StoreFlow.Create(store.Writer, Classification, observers, _clock, options, CancellationToken.None))
            .RunForeach(_ => { }, system.Materializer())
            .WaitAsync(_bound.Token);
    }

    public void Dispose()
    {
        _bound.Dispose();
        _dir.Dispose();
    }
}
