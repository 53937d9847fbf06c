using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Pipeline.Sources;
using NodaTime;

namespace NetWatch.Pipeline.Stages;

/// <summary>Turns a block of lines into a batch: an event per parsed line, a dead letter per other line.</summary>
public sealed class ParseStage(ILogLineParser parser, IClock clock)
{
    public EventBatch Parse(LineBlock block)
    {
        var events = new List<NetEvent>(block.Count);
        List<DeadLetter>? deadLetters = null;
        Dictionary<string, long>? skipped = null;
        for (var i = 0; i < block.Count; i++)
        {
            var lineNumber = block.FirstLineNumber + i;
            var line = block.Line(i);
            var result = ParseLine(parser, line, block.Source, lineNumber);
            if (result.Event is { } e) events.Add(e);
            else if (ParseReasons.IsSkip(result.Reason))
            {
                skipped ??= [];
                skipped[result.Reason!] = skipped.GetValueOrDefault(result.Reason!) + 1;
            }
            else (deadLetters ??= []).Add(new DeadLetter(block.Source, lineNumber, line.ToString(),
                result.Reason ?? "unknown", result.Detail, clock.GetCurrentInstant()));
        }
        return new EventBatch(block.Source, events, deadLetters ?? (IReadOnlyList<DeadLetter>)[], block.Count,
            block.FirstLineNumber + block.Count - 1)
        {
            SkippedByReason = skipped ?? (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(),
        };
    }

    /// <summary>
    /// One line's result. Parsers must not throw; if one does, the line fails with the exception named, so that it is
    /// kept (a dead letter), not lost, and the bug is visible.
    /// </summary>
    public static ParseResult ParseLine(ILogLineParser parser, ReadOnlySpan<char> line, string source, long lineNumber)
    {
        try
        {
            return parser.Parse(line, new EventOrigin(source, lineNumber));
        }
        catch (Exception ex)
        {
            return ParseResult.Fail("parser-exception", ex.GetType().Name + ": " + ex.Message);
        }
    }
}
