using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;
using NetWatch.Pipeline.Stages;
using NetWatch.Tests.Shared;
using NodaTime.Testing;

namespace NetWatch.Pipeline.Tests.Stages;

public class ParseStageTests
{
    /// <summary>"#..." is a header, "~..." not an event, "!" throws (a parser bug), digits an event, anything else fails.</summary>
    private sealed class ScriptedParser : ILogLineParser
    {
        public string Format => "scripted";

        public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
        {
            if (line.StartsWith("#")) return ParseResult.Fail(ParseReasons.Header);
            if (line.StartsWith("~")) return ParseResult.Fail(ParseReasons.NotAnEvent);
            if (line.SequenceEqual("!")) throw new InvalidOperationException("bug");
            return long.TryParse(line, out _) ? ParseResult.Ok(TestEvents.Minimal(origin.LineNumber)) : ParseResult.Fail("bad-number", "detail");
        }
    }

    [Fact]
    public void Headers_and_non_events_are_counted_as_skipped_errors_and_parser_bugs_become_dead_letters()
    {
        var text = "#Fields: a b\n1\n~reply\n#Date: x\nabc\n!\n2\n";
        using var reader = new LineBlockReader(new StringReader(text), "f.log");
        var batch = new ParseStage(new ScriptedParser(), new FakeClock(TestEvents.Base)).Parse(reader.Read()!);

        Assert.Equal(7, batch.LinesRead);
        Assert.Equal([2L, 7L], batch.Events.Select(e => e.Origin.LineNumber));
        Assert.Equal(2, batch.SkippedByReason[ParseReasons.Header]);
        Assert.Equal(1, batch.SkippedByReason[ParseReasons.NotAnEvent]);
        Assert.Equal([(5L, "bad-number", "abc"), (6L, "parser-exception", "!")], batch.DeadLetters.Select(d => (d.LineNumber, d.Reason, d.Raw)));
        Assert.Contains("bug", batch.DeadLetters[1].Detail);
    }
}
