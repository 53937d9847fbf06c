using NetWatch.Core.Events;
using NetWatch.Core.Parsing;
using NetWatch.Tests.Shared;
using NodaTime;

namespace NetWatch.Pipeline.Tests.Flows;

/// <summary>
/// Numbered lines (<see cref="NumberBlocks"/>) as page views that make visits: line n is user n mod 997 on site
/// (n / 20,000) mod 5, a quarter of a second after line n - 1. A user's requests to a site recur every ~250 s (within the
/// idle gap) for 20,000 lines: open visits that grow across several batches of thousands of lines; then the site comes
/// back 100,000 lines (~7 hours) later, past the gap: visits that close, and new ones.
/// </summary>
internal sealed class VisitLineParser : ILogLineParser
{
    public string Format => "visits";

    public ParseResult Parse(ReadOnlySpan<char> line, in EventOrigin origin)
    {
        var n = long.Parse(line);
        var site = $"site{n / 20_000 % 5}.example";
        return ParseResult.Ok(TestEvents.Minimal(origin.LineNumber, TestEvents.Base + Duration.FromMilliseconds(250 * n), user: $"u{n % 997}", source: origin.Source)
            with
            {
                Id = EventIdentity.Compute(Format, origin.LineNumber, line),
                Url = new UrlParts { Original = $"http://www.{site}/{n}", Scheme = "http", Domain = $"www.{site}", RegisteredDomain = site, Port = 80, Path = $"/{n}" },
            });
    }
}
