using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// A parser for the store stage's tests: each line is a number, and becomes an event that many seconds after
/// <see cref="TestEvents.Base"/>, with the deterministic id a real parser gives (format, line number, line).
/// </summary>
internal sealed class NumberLineParser : ILogLineParser
{
    public string Format => "numbers";

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin) =>
        ParseResult.Ok(TestEvents.Minimal(origin.LineNumber, TestEvents.Base + Duration.FromSeconds(long.Parse(line)), source: origin.Source)
            with { Id = EventIdentity.Compute(Format, origin.LineNumber, line) });
}
