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
            ParseResult result;
            try
            {
                result = parser.Parse(line, new EventOrigin(block.Source, lineNumber));
            }
            catch (Exception ex)
            {
                // Parsers must not throw; if one does, the line is kept, not lost, and the bug is visible.
                result = ParseResult.Fail("parser-exception", ex.GetType().Name + ": " + ex.Message);
            }
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
}
