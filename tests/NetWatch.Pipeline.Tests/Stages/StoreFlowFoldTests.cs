using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetWatch.Core.Alerts;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Stages;

/// <summary>
/// The folding observers' fold runs off the store thread beside the next batch's writes (StoreFlow's FoldLane): each
/// batch's fold must still be written into the session that holds the batch, before it commits, in batch order, none
/// lost; so the visits are those of the observer run inline over the same batches, session by session.
/// </summary>
public sealed class StoreFlowFoldTests : IDisposable
{
    private static readonly Duration Gap = Duration.FromSeconds(40);
    private readonly TempDirectory _dir = new();
    private readonly IClock _clock = new FakeClock(TestEvents.Base);

    /// <summary>A line "seconds person site" is a page view of www.site.com by that person at Base + seconds.</summary>
    private sealed class VisitParser : ILogLineParser
    {
        public string Format => "visits";

        public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
        {
            var parts = line.ToString().Split(' ');
            var at = TestEvents.Base + Duration.FromSeconds(long.Parse(parts[0]));
            return ParseResult.Ok(TestEvents.Minimal(origin.LineNumber, at, user: parts[1], source: origin.Source) with
            {
                Id = EventIdentity.Compute(Format, origin.LineNumber, line),
                Url = new UrlParts { Original = $"http://www.{parts[2]}.com/", Scheme = "http", Domain = $"www.{parts[2]}.com", RegisteredDomain = $"{parts[2]}.com" },
            });
        }
    }

    /// <summary>A session that keeps, in order, each call's new events and visits; a write after its commit or disposal fails.</summary>
    private sealed class Session(ConcurrentQueue<Session> committed) : IWriteSession
    {
        public List<IReadOnlyList<NetEvent>> EventCalls { get; } = [];
        public List<string> Visits { get; } = [];
        /// <summary>The first lines of the batches a folding observer wrote for, in the order written.</summary>
        public List<long> Folded { get; } = [];
        public bool Open { get; private set; } = true;

        public void Check()
        {
            if (!Open) throw new InvalidOperationException("written after the session committed or was disposed");
        }

        public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
        {
            Check();
            EventCalls.Add(events.ToList());
            return Task.FromResult(new EventWriteResult(events, []));
        }

        public Task WriteVisitsAsync(IReadOnlyList<Visit> visits, CancellationToken cancellationToken)
        {
            Check();
            Visits.AddRange(visits.Select(v => $"{v.Person} {v.Domain} {v.Start} {v.End} {v.EventCount} {v.FirstEventId}"));
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            Check();
            Open = false;
            committed.Enqueue(this);
            return Task.CompletedTask;
        }

        public void Dispose() => Open = false;
        public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task WriteAlertsAsync(IReadOnlyList<Alert> alerts, IReadOnlyList<AlertNotification> notifications, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Writer : IStoreWriter
    {
        public ConcurrentQueue<Session> Committed { get; } = new();
        public IWriteSession Begin() => new Session(Committed);
    }

    /// <summary>No visits stored before.</summary>
    private sealed class EmptySearch : IEventSearch
    {
        public Task<IReadOnlyList<Visit>> VisitsAsync(Instant? from, Instant? to, string? person, string? school, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Visit>>([]);
        public Task<EventPage> SearchAsync(EventQuery query, int pageSize, EventCursor? after, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<long> CountAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public IAsyncEnumerable<NetEvent> StreamAsync(EventQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<NetEvent?> GetAsync(EventId id, CancellationToken cancellationToken) => throw new NotSupportedException();
        public IAsyncEnumerable<DeadLetter> DeadLettersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>A folding observer that takes a while (so a fold is often still running when the store thread needs it) and
    /// writes, for each batch, its first line: it shows in which session and in what order each batch's fold was written.</summary>
    private sealed class SlowFold(int seed) : IFoldingObserver
    {
        private readonly Random _random = new(seed);
        private int _folding;

        public Task PrepareAsync(ObservedBatch batch, CancellationToken cancellationToken) => Task.CompletedTask;

        public FoldedWrite Fold(ObservedBatch batch)
        {
            if (Interlocked.Increment(ref _folding) != 1) throw new InvalidOperationException("two folds at once");
            Thread.Sleep(_random.Next(3));
            Interlocked.Decrement(ref _folding);
            var first = batch.New.Count > 0 ? batch.New[0].Origin.LineNumber : -1;
            return (session, _) =>
            {
                var s = (Session)session;
                s.Check();
                s.Folded.Add(first);
                return Task.CompletedTask;
            };
        }

        public Task ObserveAsync(ObservedBatch batch, IWriteSession session, CancellationToken cancellationToken) => Fold(batch)(session, cancellationToken);
        public Task FlushAsync(IWriteSession session, bool final, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private string WriteLog(IEnumerable<string> lines)
    {
        var path = _dir.File($"v{Guid.NewGuid():N}.log");
        File.WriteAllLines(path, lines);
        return path;
    }

    private List<Session> Run(ActorSystem system, string path, PipelineOptions options, IReadOnlyList<IEventObserver> observers)
    {
        var writer = new Writer();
        Source.UnfoldResource<LineBlock, LineBlockReader>(
                () => new LineBlockReader(LogFile.OpenText(path), path, options.BlockChars),
                reader => reader.Read() is { } block ? Akka.Util.Option<LineBlock>.Create(block) : Akka.Util.Option<LineBlock>.None,
                reader => reader.Dispose())
            .Select(block => new ParseJob(block, new VisitParser()))
            .Via(StoreFlow.Create(writer, new EnrichStage([]), observers, _clock, options, CancellationToken.None))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer()).Wait();
        return writer.Committed.ToList();
    }

    /// <summary>The visits observer run inline, session by session, over the batches each session was given.</summary>
    private static List<List<string>> Inline(IReadOnlyList<Session> sessions, bool writeOpen)
    {
        var observer = new VisitObserver(new EmptySearch(), Gap, writeOpen);
        var expected = new List<List<string>>();
        var committed = new ConcurrentQueue<Session>();
        foreach (var s in sessions)
        {
            var replay = new Session(committed);
            foreach (var events in s.EventCalls)
                observer.ObserveAsync(new ObservedBatch(new EventBatch("v", events, [], 0, 0), events, []), replay, CancellationToken.None).Wait();
            if (s.EventCalls.Count == 0) observer.FlushAsync(replay, final: true, CancellationToken.None).Wait();
            expected.Add(replay.Visits);
        }
        return expected;
    }

    [Property(MaxTest = 40)]
    public Property Each_batchs_fold_is_written_in_order_into_the_session_that_holds_the_batch_before_it_commits() =>
        Prop.ForAll(
            (from requests in Gen.ListOf(
                    from step in Gen.Choose(0, 30)
                    from person in Gen.Elements("j.smith", "a.patel", "10.0.0.7")
                    from site in Gen.Elements("bbc", "tiktok", "wikipedia")
                    select (step, person, site))
                from perWrite in Gen.Choose(1, 60)
                from sessionEvents in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 150).Select(n => (int?)n))
                from writeOpen in Gen.Elements(false, true)
                select (requests, perWrite, sessionEvents, writeOpen)).ToArbitrary(),
            c =>
            {
                var (requests, perWrite, sessionEvents, writeOpen) = c;
                // Roughly in time order, as a log: the seconds climb by the steps, some lines out of place.
                var at = 0;
                var lines = requests.Select(r => $"{Math.Max(0, (at += r.step) - (r.step % 7 == 0 ? 50 : 0))} {r.person} {r.site}").ToList();
                var path = WriteLog(lines);
                using var system = ActorSystem.Create("fold", AkkaConfig.Quiet);
                var options = new PipelineOptions { BlockChars = 64, MaxEventsPerWrite = perWrite, SessionEvents = sessionEvents };
                var sessions = Run(system, path, options, [new VisitObserver(new EmptySearch(), Gap, writeOpen), new SlowFold(perWrite)]);

                var batchesInOrder = sessions.SelectMany(s => s.EventCalls).Where(e => e.Count > 0).Select(e => e[0].Origin.LineNumber).ToList();
                var eachSessionsFolds = sessions.All(s => s.Folded.Where(f => f >= 0).SequenceEqual(s.EventCalls.Where(e => e.Count > 0).Select(e => e[0].Origin.LineNumber)));
                var visits = sessions.Select(s => s.Visits).ToList();
                var inline = Inline(sessions, writeOpen);
                return (sessions.Sum(s => s.EventCalls.Sum(e => e.Count)) == lines.Count).Label("every event stored once")
                    .And(batchesInOrder.SequenceEqual(batchesInOrder.Order())).Label("batches stored in order")
                    .And(eachSessionsFolds).Label("each batch's fold written into its own session, in order, none lost")
                    .And(visits.Zip(inline).All(p => p.First.SequenceEqual(p.Second)))
                    .Label($"visits per session as inline:\n{string.Join("\n", visits.Select(v => string.Join("; ", v)))}\ninline:\n{string.Join("\n", inline.Select(v => string.Join("; ", v)))}");
            });

    public void Dispose() => _dir.Dispose();
}
