using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using NetWatch.Core.Alerts;
using NetWatch.Core.Diagnostics;
using NetWatch.Core.Policy;
using NetWatch.Core.Policy.Engine;
using NetWatch.Core.UrlClassification;
using NetWatch.Core.Visits;
using NetWatch.Pipeline;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Reference;
using NetWatch.Pipeline.Stages;
using NetWatch.Semantic;
using NetWatch.Service.Config;
using NetWatch.Service.Metrics;
using NetWatch.Service.Sources;
using NetWatch.Storage.Contracts;
using NetWatch.Storage.Contracts.Checkpoints;
using NodaTime;

namespace NetWatch.Service.Composition;

/// <summary>
/// The composition root: one process's pipeline, built from a <see cref="ServiceConfig"/> in one place: sources (from
/// the <see cref="SourceRegistry"/>) → parse → enrich (<see cref="EnrichmentStages"/>, order checked) → store, with
/// the observers (findings, visits) writing in each batch's session. <c>netwatch run</c> and <c>netwatch import</c>
/// both come here; import's config holds whole-file sources and <c>Once</c>.
/// <para><see cref="Prepare"/> checks and loads everything (reference data, files, formats, sockets) and creates
/// nothing; only <see cref="RunAsync"/> opens (and so creates) the store. It starts the actor system the run takes.</para>
/// </summary>
public sealed class Ingestion : IDisposable
{
    private readonly ServiceConfig _config;
    private readonly IngestionOptions _options;
    private readonly IReadOnlyList<EnrichmentStage> _stages;
    private readonly ReloadingAttributionEnricher? _attribution;
    private readonly PolicyEngine? _policy;
    private readonly bool _classifies;
    private readonly List<IPreparedSource> _sources = [];
    private readonly CancellationTokenSource _stopSources = new();
    /// <summary>The actor system started by <see cref="Prepare"/>, until the first run takes it (or <see cref="Dispose"/> stops it).</summary>
    private Task<ActorSystem>? _system;

    /// <summary>
    /// How often the live service's store stage starts a write session when it keeps up (PipelineOptions.MinSessionInterval):
    /// each session's fixed costs then cover about this much of the feed, and a line waits at most this long more. At
    /// 4,000 lines/s for 60 s (load 10-27, interleaved) the sessions went from 320-475 to ~210 with 250 ms (~117 with
    /// 500 ms), the service's CPU for the same lines fell 17% (27%), the stores held the same data, and the mean batch
    /// latency rose from 0.25-0.35 s to ~0.5 s (~0.77 s): 250 ms keeps room under the 1 s p99 goal
    /// (bench/results/livecpu-2026-12-04-session20.txt).
    /// </summary>
    public static readonly TimeSpan LiveSessionInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The live service's interval after a session of fewer than <see cref="SmallLiveSession"/> events
    /// (PipelineOptions.SmallSessionInterval): at a school's 200 lines/s a session every 250 ms held ~50 lines, and its
    /// fixed costs (~50 ms of CPU each) kept a fifth of a core busy; every 500 ms they cost half that. 750 ms cut the
    /// service's CPU by 29% at 200 lines/s (loaded pairs) but left too little of the second for a line's latency
    /// (bench/results/lead-2026-12-04-session21.txt).
    /// </summary>
    public static readonly TimeSpan SmallLiveSessionInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The events under which a live session counts as small: a quarter of a second at 4,000 lines/s.</summary>
    public const int SmallLiveSession = 1_000;

    /// <summary>
    /// When the live service's store stage counts as behind (PipelineOptions.BehindAfter): a full joined write whose oldest
    /// line was read over a second ago has missed the 1 s latency goal already; from then its sessions are a row group
    /// each, as an import's. At 50,000 lines/s (2 cores) that stored more lines per CPU second and nothing went through
    /// the side file (bench/results/lead-2026-12-05-session25.txt).
    /// </summary>
    public static readonly TimeSpan LiveBehindAfter = TimeSpan.FromSeconds(1);

    /// <summary>The live service's pace: the options' own interval when set (tests), else the defaults above; when it counts
    /// as behind, and when a session kept open while behind commits for want of more batches (as long again: a second).</summary>
    private static PipelineOptions LivePace(PipelineOptions options) => (options.MinSessionInterval is not null ? options
        : options with { MinSessionInterval = LiveSessionInterval, SmallSessionInterval = SmallLiveSessionInterval, SmallSessionEvents = SmallLiveSession })
        with { BehindAfter = options.BehindAfter ?? BehindAfterSet() ?? LiveBehindAfter, CommitWhenQuiet = options.CommitWhenQuiet ?? LiveBehindAfter };

    /// <summary>
    /// NETWATCH_BEHIND_AFTER_MS=N: the store stage counts as behind only once its oldest batch is N ms old, instead of
    /// <see cref="LiveBehindAfter"/>; a diagnostic, as NETWATCH_OPEN_VISITS, and for a test that needs a backlog to go
    /// through the side file (SideFileCrashTests).
    /// </summary>
    private static TimeSpan? BehindAfterSet() =>
        long.TryParse(Environment.GetEnvironmentVariable("NETWATCH_BEHIND_AFTER_MS"), out var ms) && ms >= 0 ? TimeSpan.FromMilliseconds(ms) : null;

    private Ingestion(ServiceConfig config, IngestionOptions options)
    {
        (_config, _options) = (config, options);
        // The actor system starts on another core while this thread loads the reference data (cold, about a quarter of a
        // second of CPU that would otherwise wait between the store's open and the pipeline's first line).
        _system = Task.Run(() => ActorSystem.Create("netwatch", AkkaConfig.Quiet));
        try
        {
            _attribution = LoadAttribution(config, options);
            var categorizer = config.Lists.Count > 0 ? LoadLists(config.Lists) : null;
            _classifies = categorizer is not null;
            var semantics = config.Semantic ? LoadSemantics(config.SafeguardingExamples) : null;
            _policy = config.Policy is { } policy ? LoadPolicy(policy, config) : null;
            _stages = EnrichmentStages.From(_attribution, categorizer, semantics, _policy);
            var context = new SourceContext(config.Once, options.Metrics, options.Logger, _stopSources.Token) { PollInterval = options.PollInterval };
            foreach (var source in config.Sources)
            {
                var kind = options.Registry.For(source);
                if (config.Once && !kind.Replays)
                {
                    options.Logger.LogWarning("{Source}: a {Type} source has nothing to replay; --once leaves it out", source.Name, source.Type);
                    continue;
                }
                _sources.Add(kind.Prepare(source, context));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Checks and loads everything the configuration names; throws <see cref="ConfigException"/> or <see cref="ReferenceDataException"/>. Creates nothing.</summary>
    public static Ingestion Prepare(ServiceConfig config, IngestionOptions options) => new(config, options);

    /// <summary>Attribution's findings, when attribution runs (after <see cref="RunAsync"/>: what was found and stored).</summary>
    public FindingObserver? Findings { get; private set; }

    /// <summary>Time on site, when a policy judges the events.</summary>
    public VisitObserver? Visits { get; private set; }

    /// <summary>DSL alerts (issue 15), when events are classified (safeguarding matches come from classification).</summary>
    public AlertObserver? Alerts { get; private set; }

    /// <summary>The alerts' fast lane, in the live service (not <c>--once</c>).</summary>
    public AlertFastLane? FastLane { get; private set; }

    /// <summary>The alerts' read-ahead of followed files, in the live service where it can run.</summary>
    public AlertPreScreen? ReadAhead { get; private set; }

    /// <summary>
    /// Called on the store stage right after a session whose alerts added notifications to the outbox commits, with them
    /// (the dispatcher publishes them on the live feed at once and wakes for the other channels).
    /// </summary>
    public Action<AlertChanges>? AlertsCommitted { get; set; }

    /// <summary>Called as the fast lane stores each entry, with its hops (see <see cref="AlertFastLane.Timed"/>).</summary>
    public Action<LaneTrace>? AlertsStoredAhead { get; set; }

    /// <summary>The policy, when one judges events (its calendar says what is out of hours for alerts).</summary>
    public SchoolPolicy? Policy => _policy?.Policy;

    /// <summary>The policy's name and idle gap, for reports.</summary>
    public Duration VisitIdleGap => VisitAggregator.DefaultIdleGap;

    /// <summary>
    /// Opens the store, starts every source from its committed checkpoint and runs until the sources end (once) or
    /// <paramref name="stop"/>; then waits until every batch read is stored. <paramref name="onStored"/> sees each committed
    /// batch; <paramref name="whenDone"/> is given the store before it closes (import records itself in the audit log).
    /// </summary>
    public async Task RunAsync(Action<StoredBatch> onStored, CancellationToken stop, Func<IStore, Task>? whenDone = null)
    {
        // Only a replay opens its own store and has no reader beside it (the service shares its store with the API).
        var open = PhaseTimes.Start();
        using var store = OpenStore();
        PhaseTimes.Add("store: open", open);
        await RunAsync(store, onStored, stop, whenDone);
        // A replay's batches are done: the GC gives their memory back before DuckDB's close takes its own (ManagedMemory).
        if (_config.Once) ManagedMemory.GiveBack();
    }

    /// <summary>
    /// A replay of whole files (import) whose write sessions hold nothing but events and dead letters: no observer (visits,
    /// findings, alerts: none without reference data) and no source checkpoint, so nothing committed depends on which
    /// session's commit its events reach the table in.
    /// </summary>
    private bool EventsOnly => WholeFiles && _attribution is null && _policy is null && !_classifies;

    /// <summary>
    /// The threads a replay's events go in on at each commit (<see cref="NetWatch.Storage.DuckDbStore.Open"/>'s <c>insertThreads</c>): two on a
    /// machine of two cores or more (<see cref="NetWatch.Storage.DuckDbStore.ImportInsertThreads"/>) when the memory budget holds a session of
    /// two row groups (<see cref="MemoryBudget.ImportInsertThreads"/>); else 1, and the events go in as they come. Not for
    /// the live service.
    /// </summary>
    private int ImportInsertThreads => !_config.Once ? 1
        : _config.Memory?.ImportInsertThreads(NetWatch.Storage.DuckDbStore.ImportInsertThreads) ?? NetWatch.Storage.DuckDbStore.ImportInsertThreads;

    /// <summary>
    /// An import of events alone inserting on one thread: the store holds events back across sessions until they fill a row
    /// group (<see cref="NetWatch.Storage.DuckDbStore.Open"/>'s <c>wholeRowGroups</c>), as nothing committed depends on which
    /// session's commit they reach the table in. With more threads it commits sessions of a row group a thread instead,
    /// inserted at their commits as an enriched import's are.
    /// </summary>
    private bool HoldsWholeRowGroups => EventsOnly && ImportInsertThreads == 1;

    /// <summary>
    /// Opens the store the configuration names as this pipeline writes it: a replay's roll-ups counted at its close, its
    /// events inserted on <see cref="ImportInsertThreads"/> threads, or held in whole row groups (<see cref="HoldsWholeRowGroups"/>).
    /// </summary>
    public IStore OpenStore() => _options.OpenStore(_config.Store, _config.StoreMemory, _config.Once, HoldsWholeRowGroups, ImportInsertThreads);

    /// <summary>A replay of whole files (import): read from their starts, their batches carry no source checkpoint.</summary>
    private bool WholeFiles => _config.Once && _config.Sources.All(s => s is Sources.File.FileSourceSettings { Whole: true });

    /// <summary>As <see cref="RunAsync(Action{StoredBatch}, CancellationToken, Func{IStore, Task}?)"/> into a store the
    /// caller opened and closes (the service shares it with its API: DuckDB lets one process open a store).</summary>
    public async Task RunAsync(IStore store, Action<StoredBatch> onStored, CancellationToken stop, Func<IStore, Task>? whenDone = null)
    {
        var checkpoints = await store.Checkpoints.ReadAllAsync(stop);
        var observers = new List<IEventObserver>();
        var alertRules = _policy?.Policy.Alerts ?? AlertRules.Default;
        // Safeguarding and category alerts come from classification; finding alerts from attribution's findings.
        var findingAlerts = _attribution is not null && alertRules.Rules.Any(r => r.Kind == AlertRuleKind.Finding);
        var alerts = Alerts = _classifies || findingAlerts
            ? new AlertObserver(alertRules, new AlertGrouper(_config.Alerts?.Grouping ?? AlertGrouping.Default), store.Alerts, _options.Clock,
                // A replay (import, run --once) notifies only when the configuration says where alerts go: it is not live.
                notify: !_config.Once || _config.Alerts is not null,
                findingSchool: _config.Sources.Select(s => s.School).Distinct().ToList() is [{ } school] ? school : null)
            : null;
        if (_attribution is not null)
            observers.Add(Findings = new FindingObserver(_attribution.Findings, store.Search, writeEachBatch: !_config.Once, listener: findingAlerts ? alerts : null));
        // The live service holds its open visits within the memory budget (a replay's are a gap of its log: MemoryBudget).
        if (_policy is not null)
            observers.Add(Visits = new VisitObserver(store.Search, VisitAggregator.DefaultIdleGap, writeOpen: !_config.Once,
                budget: _config.Once ? null : MemoryBudget.OpenVisitsOf(_config.Memory),
                spillDirectory: VisitObserver.SpillDirectoryOf(store.Location)));
        // Its evicted visits' spill files go with the run (whether it ends or fails).
        using var visitsSpill = Visits;
        if (alerts is not null)
        {
            alerts.Committed = changes => AlertsCommitted?.Invoke(changes);
            observers.Add(alerts);
            // The live service stores alert-raising events ahead of the bulk writes, so an alert is told within
            // milliseconds of its line being read instead of after the session in progress and its own.
            if (!_config.Once)
            {
                observers.Add(FastLane = new AlertFastLane(alerts, store.FastLane) { Timed = trace => AlertsStoredAhead?.Invoke(trace) });
                await FastLane.OpenAsync(stop);
            }
        }
        // The read-ahead screens each followed file's new lines for alerts as they are written, so that an alert does
        // not wait behind the bulk backlog (AlertPreScreen); null where it cannot run (attribution, no classification).
        var readAhead = FastLane is not null ? ReadAhead = AlertPreScreen.For(_stages, FastLane, _options.Clock) : null;
        var streams = _sources.SelectMany(s => s.Start(new SourceStart(checkpoints) { ReadAhead = readAhead })).ToList();
        await RecordOpenedAsync(store, stop);
        var options = _config.Once ? _options.Pipeline
            : LivePace(_options.Pipeline) with { FlushEvery = _config.FindingsEvery.ToTimeSpan() };
        if (_config.Memory is { } memory) options = memory.Apply(options);
        // An import commits a row group of new events for each of the ImportInsertThreads threads the store inserts a
        // session's events on at its commit (its batches carry no checkpoint); one of events alone on one thread holds the
        // rest of a row group back in the store instead (HoldsWholeRowGroups).
        if (WholeFiles && !HoldsWholeRowGroups)
            options = options with { SessionEvents = options.SessionEvents ?? PipelineOptions.StoreRowGroup * ImportInsertThreads };

        var started = PhaseTimes.Start();
        using var system = await (Interlocked.Exchange(ref _system, null) ?? Task.Run(() => ActorSystem.Create("netwatch", AkkaConfig.Quiet)));
        PhaseTimes.Add("actor system (waited for)", started);
        // Replays (import, run --once) read one source after another, as a day's files in order; live sources run side by side.
        var merged = _config.Once
            ? Source.From(streams).ConcatMany(s => s)
            : Source.From(streams).MergeMany(Math.Max(1, streams.Count), s => s);
        var (killSwitch, done) = merged
            .Via(StoreFlow.Create(store.Writer, new EnrichStage(_stages), observers, _options.Clock, options, CancellationToken.None,
                side: store.Side))
            .Select(stored =>
            {
                onStored(stored);
                return NotUsed.Instance;
            })
            .ViaMaterialized(KillSwitches.Single<NotUsed>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(PipelineMaterializer.For(system));
        _options.Metrics.Running = true;
        _options.Logger.LogInformation("running: {Sources} sources into {Store}", streams.Count, store.Location);
        await using (stop.Register(() => _stopSources.Cancel()))
        await using (_options.Abort.Register(() => killSwitch.Abort(new OperationCanceledException(_options.Abort))))
        {
            try
            {
                var pipeline = PhaseTimes.Start();
                await done;
                PhaseTimes.Add("pipeline (wall, start to last commit)", pipeline);
            }
            finally
            {
                _options.Metrics.Running = false;
            }
        }
        await Task.WhenAll(_sources.Select(s => s.Stopped));
        if (whenDone is not null) await whenDone(store);
    }

    /// <summary>
    /// Commits, before the pipeline runs (and so before the service reports that it runs), where each source began to read
    /// without a committed checkpoint saying so (<see cref="IPreparedSource.Opened"/>): a followed file's identity at its
    /// first start. A restart then finds that file wherever logrotate renamed it, even if it was killed before any of the
    /// file's lines were stored; before this, such a restart followed only the new file and the renamed one was lost
    /// (CrashTests' rotation test under a full run's load, session 15: 499,571 of 999,132 events stored).
    /// </summary>
    private async Task RecordOpenedAsync(IStore store, CancellationToken stop)
    {
        var opened = _sources.SelectMany(s => s.Opened).ToList();
        if (opened.Count == 0) return;
        using var session = store.Writer.Begin();
        foreach (var checkpoint in opened) await session.SaveCheckpointAsync(checkpoint, CheckpointTotals.Zero, stop);
        await session.CommitAsync(stop);
        _options.Logger.LogInformation("recorded where {Count} followed files begin to be read: {Files}", opened.Count,
            string.Join(", ", opened.Select(c => c.Source)));
    }

    private static ReloadingAttributionEnricher? LoadAttribution(ServiceConfig config, IngestionOptions options)
    {
        if (config.Attribution is not { } settings) return null;
        try
        {
            return new ReloadingAttributionEnricher(settings, options.Clock, config.AttributionReload, options.Warn);
        }
        catch (AttributionFilesException ex) { throw new ReferenceDataException("attribution", ex.Message); }
    }

    private static UrlCategorizer LoadLists(IReadOnlyList<string> directories)
    {
        try
        {
            return CategoryListLoader.Load(directories);
        }
        catch (Exception e) when (e is Core.UrlClassification.ReferenceDataException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            throw new ReferenceDataException("lists", e.Message);
        }
    }

    /// <summary>The semantic layer of safeguarding detection, with the DSL's feedback examples added to the shipped ones.</summary>
    private static ISafeguardingSemantics LoadSemantics(IReadOnlyList<string> exampleFiles)
    {
        List<SafeguardingExample> feedback;
        try
        {
            feedback = exampleFiles.SelectMany(f => SafeguardingExamples.Parse(File.ReadAllText(f), f)).ToList();
        }
        catch (Exception e) when (e is Core.UrlClassification.ReferenceDataException or IOException or UnauthorizedAccessException)
        {
            throw new ReferenceDataException("safeguarding_examples", e.Message);
        }
        return SemanticLayer.Create(new MiniLmEncoder(), feedback);
    }

    /// <summary>
    /// The policy; with list folders a category they do not hold is an error at its line (without lists nothing is
    /// classified, so nothing is checked); with the people directory a working pattern the policy has no role for is an error.
    /// </summary>
    private static PolicyEngine LoadPolicy(string path, ServiceConfig config)
    {
        IReadOnlyCollection<string>? categories;
        try { categories = config.Lists.Count > 0 ? CategoryListLoader.CategoryNames(config.Lists) : null; }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException) { throw new ReferenceDataException("lists", e.Message); }
        var result = PolicyFileLoader.Load(path, categories);
        if (!result.Success)
            throw new ReferenceDataException("policy", $"policy file {path} is invalid:{Environment.NewLine}"
                + string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        if (config.Attribution?.Directory is { } directory && File.Exists(directory))
        {
            Core.Identity.PeopleDirectory people;
            try { people = AttributionFiles.LoadDirectory(directory); }
            catch (AttributionFilesException ex) { throw new ReferenceDataException("attribution", ex.Message); }
            if (WorkingPatternCheck.Check(result.Policy!, path, people, directory) is { Count: > 0 } patterns)
                throw new ReferenceDataException("policy", string.Join(Environment.NewLine, patterns));
        }
        return new PolicyEngine(result.Policy!);
    }

    public void Dispose()
    {
        foreach (var source in _sources) source.Dispose();
        _stopSources.Dispose();
        // Prepared but never run (or the preparation failed): the actor system started for it stops here.
        if (Interlocked.Exchange(ref _system, null) is { } unused) unused.GetAwaiter().GetResult().Dispose();
    }
}
