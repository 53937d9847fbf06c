using System.Collections.Concurrent;
using System.IO.Compression;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Core.Sinks;
using NetWatch.Storage;
using NetWatch.Tests.Shared;
using NodaTime;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Stages;

public sealed class ImportPipelineTests : IDisposable
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

    private sealed class CollectingSink : IEventSink
    {
        public ConcurrentQueue<EventBatch> Batches { get; } = new();
        public Task<int> WriteAsync(EventBatch batch, CancellationToken cancellationToken)
        {
            Batches.Enqueue(batch);
            return Task.FromResult(batch.Events.Count);
        }
    }

    private sealed class Tagger(string tag) : IEventEnricher
    {
        public NetEvent Enrich(NetEvent e) => e with { UserName = (e.UserName ?? "") + tag };
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
        var sink = new CollectingSink();
        // A write joins at most 1,000 events, so however the sink keeps up, 20,000 lines stay many batches.
        var pipeline = new ImportPipeline(sink, [new Tagger("1"), new Tagger("2")], _clock, new PipelineOptions { BlockChars = 4096, MaxEventsPerWrite = 1000 });

        var stats = await pipeline.RunAsync([new ImportSource(plain, new NumberParser()), new ImportSource(gz, new NumberParser())]);

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
        }
    }

    [Fact]
    public async Task Importing_into_the_store_twice_stores_each_event_once()
    {
        var path = WriteLog("c.log", Enumerable.Range(0, 5000).Select(i => i.ToString()).Append("bad"));
        using var store = EventStore.Open(_dir.File("store"));
        var pipeline = new ImportPipeline(new DuckDbEventSink(store), [], _clock);

        var first = await pipeline.RunAsync([new ImportSource(path, new NumberParser())]);
        var second = await pipeline.RunAsync([new ImportSource(path, new NumberParser())]);

        Assert.Equal(5000, first[path].EventsStored);
        Assert.Equal(0, second[path].EventsStored);
        Assert.Equal(5000, second[path].Duplicates);
        Assert.Equal(5000, store.Queries.CountEvents());
        Assert.Single(store.Queries.DeadLetters());
    }

    [Fact]
    public async Task A_failing_sink_fails_the_import_instead_of_dropping_batches()
    {
        var path = WriteLog("d.log", Enumerable.Range(0, 100).Select(i => i.ToString()));
        var pipeline = new ImportPipeline(new FailingSink(), [], _clock);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => pipeline.RunAsync([new ImportSource(path, new NumberParser())]));
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
        var sink = new CollectingSink();
        var pipeline = new ImportPipeline(sink, [], _clock, new PipelineOptions { BlockChars = 4096, ParseParallelism = 4 });

        var stats = await pipeline.RunAsync([new ImportSource(path, LogFormats.CreateParser(LogFormats.W3c))]);

        Assert.Equal(20_000, stats[path].EventsStored);
        Assert.Equal(2, stats[path].SkippedByReason[ParseReasons.Header]);
        Assert.Equal(0, stats[path].DeadLetters);
        var events = sink.Batches.SelectMany(b => b.Events).ToList();
        Assert.All(events, e => Assert.Equal(e.Url.Original.StartsWith("/a/") ? "first" : "second", e.UserName));
    }

    private sealed class FailingSink : IEventSink
    {
        public Task<int> WriteAsync(EventBatch batch, CancellationToken cancellationToken) => throw new IOException("disk full");
    }

    public void Dispose() => _dir.Dispose();
}
