using Akka;
using Akka.Streams.Dsl;
using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Flows;
using NetWatch.Pipeline.Sources;
using NetWatch.Service.Sources;
using NetWatch.Storage.Contracts.Checkpoints;
using NodaTime;

namespace NetWatch.Service.Tests.TestSource;

/// <summary>
/// A source kind that lives only in the tests (type <c>counting</c>, setting <c>count</c>): it emits the numbers 1..count
/// as lines, each an event, checkpointed as the last number stored, so a second run resumes after it. Registered in a
/// test with one line; nothing outside this folder knows it.
/// </summary>
internal sealed class CountingSourceKind : ISourceKind
{
    public string Type => "counting";
    public bool Replays => true;
    public IReadOnlyList<string> Keys => ["count"];

    public SourceSettings Bind(SourceBinding b) => new CountingSettings(b.Name, b.Int("count", 1, 1_000_000) ?? throw b.Error(null, "a counting source needs a count"));

    public IPreparedSource Prepare(SourceSettings settings, SourceContext context) => new Prepared((CountingSettings)settings);

    private sealed record CountingSettings(string Name, int Count) : SourceSettings(Name, "counting");

    private sealed class Prepared(CountingSettings settings) : IPreparedSource
    {
        public Task Stopped => Task.CompletedTask;

        public IReadOnlyList<Source<ParseJob, NotUsed>> Start(SourceStart start)
        {
            var from = start.Checkpoints.TryGetValue(settings.Name, out var c) ? long.Parse(c.Checkpoint.Position) : 0;
            var lines = Enumerable.Range((int)from + 1, Math.Max(0, settings.Count - (int)from)).Select(n => n.ToString()).ToList();
            if (lines.Count == 0) return [];
            var block = Pipeline.Sources.Syslog.SyslogBlocks.Create(settings.Name, from + 1, lines);
            return [Source.Single(new ParseJob(block, new NumberParser(), new SourceMark(new Checkpoint(settings.Name, "counting", settings.Count.ToString()))) { School = settings.School })];
        }

        public void Dispose() { }
    }

    /// <summary>A line holding a number n is an event at 2026-11-23 09:00 + n seconds.</summary>
    private sealed class NumberParser : ILogLineParser
    {
        private static readonly Instant Base = Instant.FromUtc(2026, 11, 23, 9, 0);
        public string Format => "counting";

        public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin) => ParseResult.Ok(new NetEvent
        {
            Id = EventIdentity.Compute(Format, origin.LineNumber, line),
            Origin = origin,
            Timestamp = Base + Duration.FromSeconds(long.Parse(line)),
            Action = EventActions.Allowed,
            Dataset = "counting.test",
            ObserverProduct = "counting",
            Url = UrlParts.Empty,
        });
    }
}
