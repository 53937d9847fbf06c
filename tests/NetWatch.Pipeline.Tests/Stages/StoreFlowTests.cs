using System.Collections.Concurrent;
using System.IO.Compression;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Visits;
using NetWatch.Pipeline.Flows;
using NetWatch.Core.UrlClassification;
using NetWatch.Pipeline.Observers;
using NetWatch.Pipeline.ReadAhead;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Sources.Tailing;
using NetWatch.Pipeline.Stages;
using NetWatch.Storage;
using NetWatch.Storage.Contracts.Checkpoints;
using NetWatch.Storage.Contracts.Search;
using NetWatch.Storage.Contracts.Writing;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Stages;

/// <summary>The stages every ingestion shares (<see cref="StoreFlow"/>), driven over whole files as import reads them.</summary>
public sealed class StoreFlowTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly IClock _clock = new FakeClock(TestEvents.Base);

    /// <summary>A parser for the test: a line holding a number is an event at Base + that many seconds.</summary>
    private sealed class NumberParser : ILogLineParser
    {
        public string Format => "numbers";

        public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin) =>
            long.TryParse(line, out var n)
                ? ParseResult.Ok(TestEvents.Minimal(origin.LineNumber, TestEvents.Base + Duration.FromSeconds(n), source: origin.Source)
                    with { Id = EventIdentity.Compute(Format, origin.LineNumber, line) })
                : ParseResult.Fail("not-a-number", line.ToString());
    }

    /// <summary>A writer that keeps what each session wrote (every event new), or fails every write.</summary>
    private sealed class CollectingWriter(bool fail = false) : IStoreWriter
    {
        public ConcurrentQueue<EventBatch> Batches { get; } = new();
        public ConcurrentQueue<Visit> Visits { get; } = new();

        public IWriteSession Begin() => new Session(this, fail);

        private sealed class Session(CollectingWriter writer, bool fail) : IWriteSession
        {
            private readonly List<NetEvent> _events = [];
            private readonly List<DeadLetter> _deadLetters = [];

            public Task<EventWriteResult> WriteEventsAsync(IReadOnlyList<NetEvent> events, CancellationToken cancellationToken)
            {
                if (fail) throw new IOException("disk full");
                _events.AddRange(events);
                return Task.FromResult(new EventWriteResult(events, []));
            }

            public Task WriteDeadLettersAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
            {
                _deadLetters.AddRange(deadLetters);
                return Task.CompletedTask;
            }

            public Task WriteFindingsAsync(IReadOnlyList<NetEvent> findings, CancellationToken cancellationToken) => Task.CompletedTask;

            public Task WriteVisitsAsync(IReadOnlyList<IVisitView> visits, CancellationToken cancellationToken)
            {
                foreach (var v in visits) writer.Visits.Enqueue(v.ToVisit());
                return Task.CompletedTask;
            }

            public Task WriteAlertsAsync(IReadOnlyList<NetWatch.Core.Alerts.Alert> alerts, IReadOnlyList<NetWatch.Core.Alerts.AlertNotification> notifications,
                CancellationToken cancellationToken) => Task.CompletedTask;

            public Task SaveCheckpointAsync(Checkpoint checkpoint, CheckpointTotals added, CancellationToken cancellationToken) => Task.CompletedTask;

            public Task CommitAsync(CancellationToken cancellationToken)
            {
                if (_events.Count + _deadLetters.Count > 0)
                    writer.Batches.Enqueue(new EventBatch(_events.Count > 0 ? _events[0].Origin.Source : _deadLetters[0].Source, _events, _deadLetters, 0, 0));
                return Task.CompletedTask;
            }

            public void Dispose() { }
        }
    }

    private sealed class Tagger(string tag) : IEventEnricher
    {
        public NetEvent Enrich(NetEvent e) => e with { UserName = (e.UserName ?? "") + tag };
    }

    private static EnrichmentStage Stage(IEventEnricher enricher, string name) => new(name, [], [], enricher);

    /// <summary>The files one after another through the flow, as import reads them; per-file stats.</summary>
    private async Task<Dictionary<string, SourceStats>> RunAsync(IStoreWriter writer, IReadOnlyList<(string Path, ILogLineParser Parser)> files,
        IReadOnlyList<EnrichmentStage>? stages = null, PipelineOptions? options = null, IReadOnlyList<IEventObserver>? observers = null)
    {
        options ??= new PipelineOptions();
        var stats = files.ToDictionary(f => f.Path, _ => new SourceStats());
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        await Source.From(files)
            .ConcatMany(f => Source.UnfoldResource<LineBlock, LineBlockReader>(
                    () => new LineBlockReader(LogFile.OpenText(f.Path), f.Path, options.BlockChars),
                    reader => reader.Read() is { } block ? Akka.Util.Option<LineBlock>.Create(block) : Akka.Util.Option<LineBlock>.None,
                    reader => reader.Dispose())
                .Select(block => new ParseJob(block, f.Parser)))
            .Via(StoreFlow.Create(writer, new EnrichStage(stages ?? []), observers ?? [], _clock, options, CancellationToken.None))
            .RunForeach(stored => stats[stored.Batch.Source].Add(stored.Batch, stored.Stored), system.Materializer());
        return stats;
    }

    private string WriteLog(string name, IEnumerable<string> lines, bool gzip = false)
    {
        var path = _dir.File(name);
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(stream);
        foreach (var line in lines) writer.Write(line + "\n");
        return path;
    }

    [Fact]
    public async Task Every_line_of_every_file_becomes_an_event_or_a_dead_letter_in_order()
    {
        var lines = Enumerable.Range(0, 20_000).Select(i => i % 1000 == 7 ? "oops" : i.ToString()).ToList();
        var plain = WriteLog("a.log", lines);
        var gz = WriteLog("b.log.gz", lines, gzip: true);
        var sink = new CollectingWriter();
        // A write joins at most 1,000 events, so however the store keeps up, 20,000 lines stay many batches.
        var stats = await RunAsync(sink, [(plain, new NumberParser()), (gz, new NumberParser())],
            [Stage(new Tagger("1"), "one"), Stage(new Tagger("2"), "two")], new PipelineOptions { BlockChars = 4096, MaxEventsPerWrite = 1000 });

        foreach (var path in new[] { plain, gz })
        {
            Assert.Equal(20_000, stats[path].LinesRead);
            Assert.Equal(19_980, stats[path].EventsStored);
            Assert.Equal(20, stats[path].DeadLettersByReason["not-a-number"]);
            var batches = sink.Batches.Where(b => b.Source == path).ToList();
            Assert.True(batches.Count > 10, "small blocks make many batches");
            var numbers = batches.SelectMany(b => b.Events.Select(e => e.Origin.LineNumber))
                .Concat(batches.SelectMany(b => b.DeadLetters.Select(d => d.LineNumber))).Order();
            Assert.Equal(Enumerable.Range(1, 20_000).Select(i => (long)i), numbers);
            var eventOrder = batches.SelectMany(b => b.Events).Select(e => e.Origin.LineNumber).ToList();
            Assert.Equal(eventOrder.Order(), eventOrder);
            Assert.All(batches.SelectMany(b => b.Events), e => Assert.Equal("12", e.UserName));
            Assert.All(batches.SelectMany(b => b.DeadLetters), d => Assert.Equal("oops", d.Raw));
            // Each event is its own line's (line n holds n - 1): the reader's buffers, taken again once a block is
            // parsed (LineBlock.Release), never held two blocks' lines at once.
            Assert.All(batches.SelectMany(b => b.Events), e => Assert.Equal(TestEvents.Base + Duration.FromSeconds(e.Origin.LineNumber - 1), e.Timestamp));
        }
    }

    [Fact]
    public async Task A_block_is_released_once_parsed_unless_the_read_ahead_keeps_it()
    {
        var path = WriteLog("r.log", Enumerable.Range(0, 100).Select(i => i.ToString()));
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        using var reader = new LineBlockReader(LogFile.OpenText(path), path);
        var block = reader.Read()!;
        await Source.Single(new ParseJob(block, new NumberParser()))
            .Via(StoreFlow.Create(new CollectingWriter(), new EnrichStage([]), [], _clock, new PipelineOptions(), CancellationToken.None))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());
        Assert.Equal(0, block.BufferLength);
        Assert.Throws<InvalidOperationException>(() => block.Line(0).Length);
    }

    /// <summary>
    /// A tailer's pooled block that the alerts' read-ahead keeps (<see cref="ParseJob.Screened"/>) is read at enrichment
    /// (classification looks each line up by its text) and released there, not at the parse: released at the parse, the
    /// lookup would throw (or, given back, read another block's lines); never released, its buffer would not come back.
    /// </summary>
    [Fact]
    public async Task A_block_the_read_ahead_keeps_is_read_at_enrichment_then_released()
    {
        var path = _dir.File("access.log");
        var urls = Enumerable.Range(1, 2000).Select(i => $"http://www.bbc.co.uk/news/item{i}").ToList();
        File.WriteAllLines(path, urls.Select((url, i) => $"{1796202000 + i}.000     12 10.0.0.8 TCP_MISS/200 812 GET {url} s.student HIER_DIRECT/10.0.0.3 text/html"));
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        // Every block pooled, and few buffers kept: they go round many times over the 2,000 lines.
        var tailer = new FileTailer(path, path, new TailOptions { BlockBytes = 4096, StopAtEnd = true, PooledBlockChars = 0, PooledBuffersKept = 2 });
        tailer.Start(null);
        var parser = LogFormats.CreateParser("squid-native");
        var screened = new ScreenedLines(LexicalUrlScreen.Default);
        var classification = new EnrichStage([new EnrichmentStage("classification", ["url.original"],
            ["netwatch.categories", "netwatch.search", "netwatch.safeguarding"], new ClassificationEnricher(new UrlCategorizer([])))]);
        var blocks = new ConcurrentQueue<LineBlock>();
        var sink = new CollectingWriter();
        await Source.UnfoldResource<LineBlock, FileTailer>(() => tailer,
                t => t.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() is { } b ? Akka.Util.Option<LineBlock>.Create(b.Lines) : Akka.Util.Option<LineBlock>.None,
                t => t.Dispose())
            .Select(block =>
            {
                // The read-ahead found every line clean: the bulk path's classification reads each line to match its hash.
                for (var i = 0; i < block.Count; i++) screened.Record(block.FirstLineNumber + i, block.Line(i), clean: true);
                blocks.Enqueue(block);
                return new ParseJob(block, parser) { Screened = screened };
            })
            .Via(StoreFlow.Create(sink, classification, [], _clock, new PipelineOptions(), CancellationToken.None))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());

        Assert.Equal(2000, screened.Hits);
        Assert.True(blocks.Count > 10, "small blocks, many of them");
        Assert.All(blocks, block => Assert.Equal(0, block.BufferLength));
        Assert.Equal(urls, sink.Batches.SelectMany(b => b.Events).Select(e => e.Url.Original));
    }

    [Fact]
    public async Task Importing_into_the_store_twice_stores_each_event_once()
    {
        var path = WriteLog("c.log", Enumerable.Range(0, 5000).Select(i => i.ToString()).Append("bad"));
        using var store = DuckDbStore.Open(_dir.File("store"));
        var first = await RunAsync(store.Writer, [(path, new NumberParser())]);
        var second = await RunAsync(store.Writer, [(path, new NumberParser())]);
        Assert.Equal(5000, first[path].EventsStored);
        Assert.Equal(0, second[path].EventsStored);
        Assert.Equal(5000, second[path].Duplicates);
        Assert.Equal(5000, await store.Search.CountAsync(EventQuery.All, CancellationToken.None));
        Assert.Single(store.Search.DeadLettersAsync(CancellationToken.None).ToBlockingEnumerable());
    }

    [Fact]
    public async Task An_import_session_commits_at_each_whole_number_of_new_events_cutting_a_batch_there()
    {
        // 2 files x 2,500 lines, 5 of each not events: 4,990 events in joined batches of at most 300.
        var lines = Enumerable.Range(0, 2500).Select(i => i % 500 == 7 ? "oops" : i.ToString()).ToList();
        var (a, b) = (WriteLog("a.log", lines), WriteLog("b.log", lines.Select(l => l == "oops" ? l : (long.Parse(l) + 10_000).ToString())));
        var sink = new CollectingWriter();
        var stats = await RunAsync(sink, [(a, new NumberParser()), (b, new NumberParser())],
            options: new PipelineOptions { BlockChars = 2048, MaxEventsPerWrite = 300, SessionEvents = 1000 });

        // One session per 1,000 new events, across batches and files; the rest in the last.
        Assert.Equal([1000, 1000, 1000, 1000, 990], sink.Batches.Select(x => x.Events.Count));
        var order = sink.Batches.SelectMany(x => x.Events).Select(e => (e.Origin.Source, e.Origin.LineNumber)).ToList();
        Assert.Equal(order.OrderBy(x => x.Source == b).ThenBy(x => x.LineNumber), order);
        Assert.Equal(order.Count, order.Distinct().Count());
        foreach (var path in new[] { a, b })
        {
            Assert.Equal(2500, stats[path].LinesRead);
            Assert.Equal(2495, stats[path].EventsStored);
            Assert.Equal(5, stats[path].DeadLettersByReason["not-a-number"]);
        }
        Assert.Equal(10, sink.Batches.Sum(x => x.DeadLetters.Count));
    }

    [Fact]
    public async Task An_event_stored_earlier_in_a_session_still_open_is_not_stored_twice()
    {
        // The same lines under two names are the same events (an id is the format, line number and text).
        var lines = Enumerable.Range(0, 5000).Select(i => i.ToString()).ToList();
        var (a, copy) = (WriteLog("f.log", lines), WriteLog("f-copy.log", lines));
        using var store = DuckDbStore.Open(_dir.File("store"));
        var stats = await RunAsync(store.Writer, [(a, new NumberParser()), (copy, new NumberParser())],
            options: new PipelineOptions { BlockChars = 4096, MaxEventsPerWrite = 700, SessionEvents = 100_000 });
        Assert.Equal(5000, stats[a].EventsStored);
        Assert.Equal(0, stats[copy].EventsStored);
        Assert.Equal(5000, stats[copy].Duplicates);
        Assert.Equal(5000, await store.Search.CountAsync(EventQuery.All, CancellationToken.None));
    }

    [Fact]
    public async Task A_failing_sink_fails_the_import_instead_of_dropping_batches()
    {
        var path = WriteLog("d.log", Enumerable.Range(0, 100).Select(i => i.ToString()));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(new CollectingWriter(fail: true), [(path, new NumberParser())]));
        Assert.Contains("disk full", ex.ToString());
    }

    [Fact]
    public async Task A_stateful_parser_sees_the_blocks_of_its_file_in_order()
    {
        // W3C: the second #Fields: swaps two columns; a block parsed before the one holding it would misread them.
        var lines = new List<string> { "#Fields: date time c-ip cs-username cs-method cs-uri-stem sc-status" };
        lines.AddRange(Enumerable.Range(0, 10_000).Select(i => $"2026-11-23 09:15:01 10.0.0.{i % 250} first GET /a/{i} 200"));
        lines.Add("#Fields: date time cs-username c-ip cs-method cs-uri-stem sc-status");
        lines.AddRange(Enumerable.Range(0, 10_000).Select(i => $"2026-11-23 09:15:02 second 10.0.1.{i % 250} GET /b/{i} 200"));
        var path = WriteLog("e.log", lines);
        var sink = new CollectingWriter();
        var stats = await RunAsync(sink, [(path, LogFormats.CreateParser(LogFormats.W3c))], options: new PipelineOptions { BlockChars = 4096, ParseParallelism = 4 });

        Assert.Equal(20_000, stats[path].EventsStored);
        Assert.Equal(2, stats[path].SkippedByReason[ParseReasons.Header]);
        Assert.Equal(0, stats[path].DeadLetters);
        var events = sink.Batches.SelectMany(b => b.Events).ToList();
        Assert.All(events, e => Assert.Equal(e.Url.Original.StartsWith("/a/") ? "first" : "second", e.UserName));
    }

    [Fact]
    public void Stages_in_an_order_where_one_reads_what_a_later_one_writes_fail_at_start_naming_both()
    {
        var attribution = new EnrichmentStage("attribution", ["source.ip"], ["user.name", "user.roles"], new Tagger("a"));
        var policy = new EnrichmentStage("policy", ["user.roles", "netwatch.categories"], ["netwatch.policy"], new Tagger("p"));
        new EnrichStage([attribution, policy]);
        var error = Assert.Throws<StageOrderException>(() => new EnrichStage([policy, attribution]));
        Assert.Equal("enrichment stage 'policy' reads user.roles, which 'attribution' writes after it: 'attribution' must run before 'policy' " +
            "(order given: policy, attribution)", error.Message);
    }

    [Fact]
    public async Task Every_event_carries_its_school_and_when_it_was_ingested()
    {
        var path = WriteLog("s.log", ["1", "2"]);
        var sink = new CollectingWriter();
        var school = new Organization { Id = "southover", Name = "Southover" };
        using var system = ActorSystem.Create("test", AkkaConfig.Quiet);
        using var reader = new LineBlockReader(LogFile.OpenText(path), path);
        await Source.Single(new ParseJob(reader.Read()!, new NumberParser()) { School = school })
            .Via(StoreFlow.Create(sink, new EnrichStage([]), [], _clock, new PipelineOptions(), CancellationToken.None))
            .RunWith(Sink.Ignore<StoredBatch>(), system.Materializer());
        Assert.All(sink.Batches.SelectMany(b => b.Events), e => Assert.Equal((school, (Instant?)TestEvents.Base), (e.Organization, e.Ingested)));
    }

    public void Dispose() => _dir.Dispose();
}
